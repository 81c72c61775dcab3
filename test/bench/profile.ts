/**
 * `npm run bench:profile`: where the registry's time goes on one endpoint. Loads the 1k dataset,
 * drives the endpoint with autocannon while the workerd inspector records a CPU profile of the
 * registry Worker, and prints the functions with the most self time (and writes the .cpuprofile,
 * which Chrome DevTools opens). BENCH_ONLY picks the endpoint, as in `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildAll } from "./lib/build";
import { loadDataset } from "./lib/dataset";
import { endpoints, storageFloor } from "./lib/endpoints";
import { startHost } from "./lib/host";
import { measure } from "./lib/measure";

process.env.WRANGLER_SEND_METRICS = "false";
const INSPECTOR_PORT = Number(process.env.BENCH_INSPECTOR_PORT ?? 9329);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const log = (msg: string) => process.stderr.write(`[profile] ${msg}\n`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal DevTools-protocol client over the inspector's WebSocket. */
async function devtools(worker: string) {
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`)).json()) as {
    id: string;
    title: string;
    webSocketDebuggerUrl: string;
  }[];
  if (process.env.BENCH_LIST_TARGETS)
    process.stderr.write(
      `${JSON.stringify(
        targets.map((t) => [t.id, t.title]),
        null,
        1,
      )}\n`,
    );
  const target = targets.find((t) => t.id === worker) ?? targets.find((t) => t.id.endsWith(`:${worker}`));
  if (!target) throw new Error(`no inspector target for ${worker}: ${JSON.stringify(targets.map((t) => t.title))}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener("open", resolve);
    ws.addEventListener("error", reject);
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (e: { data: unknown }) => {
    const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      pending.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** Self time per function, in ms, heaviest first. */
function selfTimes(profile: Profile): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const where = url ? `${url.split("/").pop()}:${lineNumber + 1}:${columnNumber + 1}` : "native";
    const key = `${functionName || "(anonymous)"} ${where}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

const tmp = mkdtempSync(path.join(tmpdir(), "sco-profile-"));
try {
  const bundles = await buildAll(path.join(tmp, "dry-run"));
  const persist = path.join(tmp, "d1");
  mkdirSync(persist, { recursive: true });
  const host = await startHost(bundles, persist, "profile", INSPECTOR_PORT);
  try {
    // BENCH_EVENTS=100000 profiles on the large dataset.
    const data = await loadDataset(host.db, Number(process.env.BENCH_EVENTS ?? 1_000), host.realDb);
    const only = process.env.BENCH_ONLY ?? "status?at=";
    const ep = endpoints(data, host.urls.real).find((e) => e.name.includes(only));
    if (!ep) throw new Error(`no endpoint matches ${only}`);
    // BENCH_WORKER=r2 profiles the storage floor instead, for comparison.
    // The Worker the bench times the row on: the cache-less twin unless the row measures the cache.
    const worker = process.env.BENCH_WORKER === "r2" ? "r2" : ep.cached ? "registry" : ep.realData ? "real" : "cold";
    await ep.prepare?.(host.urls[worker]);
    const target =
      worker === "r2"
        ? storageFloor(host.urls.r2 + (process.env.BENCH_R2_SESSION ? "/session" : ""), data)
        : ep.target(host.urls[worker]);
    await measure(target, 1, 10); // warm up: JIT, prepared statements
    // BENCH_PROFILE_D1=1 also profiles the D1 simulator's Workers, which run in the same workerd:
    // their CPU is part of every query's price (profiling them slows the whole run down).
    const names = process.env.BENCH_PROFILE_D1 ? [worker, "d1:db:entry", "d1:db"] : [worker];
    // BENCH_PROFILE_CACHE=cache:1,...: the Cache API simulator's Workers too (names from BENCH_LIST_TARGETS=1).
    if (process.env.BENCH_PROFILE_CACHE) names.push(...process.env.BENCH_PROFILE_CACHE.split(","));
    const sessions = await Promise.all(names.map((n) => devtools(n)));
    for (const cdp of sessions) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    const stats = await measure(target, seconds, 10);
    const profiles = await Promise.all(
      sessions.map(async (cdp) => (await cdp.send<{ profile: Profile }>("Profiler.stop")).profile),
    );
    for (const cdp of sessions) cdp.close();
    const out = path.join(import.meta.dirname, "results", "last-profile.cpuprofile");
    writeFileSync(out, JSON.stringify(profiles[0]));
    log(
      `${worker === "r2" ? "R2" : ep.name}: ${Math.round(stats.rps)} req/s over ${seconds} s, ${stats.requests} requests; profile ${out}`,
    );
    const perRequest = (ms: number) => ((ms / stats.requests) * 1000).toFixed(1).padStart(6);
    const busyOf = (rows: { name: string; ms: number }[]) =>
      rows.filter((r) => !/^\(idle\)/.test(r.name)).reduce((a, r) => a + r.ms, 0);
    profiles.forEach((p, i) => {
      process.stdout.write(`${names[i]!.padEnd(14)} busy ${perRequest(busyOf(selfTimes(p)))} µs/req\n`);
    });
    profiles.forEach((p, i) => {
      process.stdout.write(`\n${names[i]}\n`);
      for (const r of selfTimes(p).slice(0, Number(process.env.BENCH_TOP ?? 40) / (i === 0 ? 1 : 2))) {
        process.stdout.write(`${r.ms.toFixed(1).padStart(9)} ms  ${perRequest(r.ms)} µs/req  ${r.name}\n`);
      }
    });
  } finally {
    await host.mf.dispose();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
