/**
 * `npm run bench:ab`: a quick comparison of a few targets in one run, rounds alternating so that the
 * machine's noise hits them alike (the full `npm run bench` is the record; this is for deciding
 * whether a change helps). Loads the 1k dataset (BENCH_EVENTS=100000: the 100k one), then times
 * R2, R2 in a D1 session, the platform floor of a D1-path read (test/bench/lib/endpoints.ts) and the
 * endpoints whose names contain one of BENCH_AB (comma-separated; default the status read).
 * BENCH_BASE=<git ref> also times that commit's registry on the same endpoints, in the same rounds.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildAll, buildAt } from "./lib/build";
import { loadDataset } from "./lib/dataset";
import { endpoints, platformReadFloor, platformWriteFloor, storageFloor, writeFloor } from "./lib/endpoints";
import { startHost } from "./lib/host";
import { measure, median, type Target } from "./lib/measure";

process.env.WRANGLER_SEND_METRICS = "false";
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const seconds = Number(process.env.BENCH_SECONDS ?? 1);
const wanted = (process.env.BENCH_AB ?? "status?at=").split(",");

const tmp = mkdtempSync(path.join(tmpdir(), "sco-ab-"));
try {
  const bundles = await buildAll(path.join(tmp, "dry-run"));
  // BENCH_BASE=<git ref>: that commit's registry is timed too, round by round beside this tree's.
  const baseRef = process.env.BENCH_BASE;
  if (baseRef) bundles.baseRegistry = buildAt(baseRef, path.join(tmp, "base"));
  const persist = path.join(tmp, "d1");
  mkdirSync(persist, { recursive: true });
  const host = await startHost(bundles, persist, "ab");
  try {
    const data = await loadDataset(host.db, Number(process.env.BENCH_EVENTS ?? 1_000), host.realDb);
    const targets: { name: string; target: Target }[] = [
      { name: "R2", target: storageFloor(host.urls.r2, data) },
      { name: "R2 in a D1 session", target: storageFloor(`${host.urls.r2}/session`, data) },
      { name: "platform floor (session + cache miss)", target: platformReadFloor(host.urls.r2cold, data) },
    ];
    for (const ep of endpoints(data, host.urls.real)) {
      if (!wanted.some((w) => ep.name.includes(w))) continue;
      const worker = ep.cached ? "registry" : ep.realData ? "real" : "cold";
      await ep.prepare?.(host.urls[worker]);
      targets.push({ name: ep.name, target: ep.target(host.urls[worker]) });
      if (ep.floor === "r3")
        targets.push(
          { name: "R3", target: writeFloor(host.urls.r3, data) },
          { name: "R3 platform floor (session + purge)", target: platformWriteFloor(host.urls.r3, data) },
        );
      // The base is hosted cache-less: compared on D1-path reads and on writes (a purge is a put either way).
      if (baseRef && (!ep.cached || ep.floor === "r3")) {
        const baseUrl = host.urls[ep.realData ? "baseReal" : "base"];
        await ep.prepare?.(baseUrl);
        targets.push({ name: `${ep.name} at ${baseRef}`, target: ep.target(baseUrl) });
      }
    }
    for (const t of targets) await measure(t.target, 1, 10); // warm up
    const rps = new Map(targets.map((t) => [t.name, [] as number[]]));
    const p99 = new Map(targets.map((t) => [t.name, [] as number[]]));
    // Every other round runs the targets in reverse order: what runs just after what is not a bias
    // (an A/A run, BENCH_BASE=HEAD on a clean tree, measured 0.91× in one order alone).
    for (let r = 0; r < rounds; r++)
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const s = await measure(t.target, seconds, 10);
        rps.get(t.name)!.push(s.rps);
        p99.get(t.name)!.push(s.p99);
      }
    const floor = median(rps.get("R2")!);
    for (const t of targets) {
      const m = median(rps.get(t.name)!);
      process.stdout.write(
        `${String(Math.round(m)).padStart(6)} req/s  ${(m / floor).toFixed(2)}× R2  p99 ${median(p99.get(t.name)!)} ms  ${t.name}\n`,
      );
    }
    for (const t of targets) {
      const base = rps.get(`${t.name} at ${baseRef}`);
      if (!baseRef || !base) continue;
      const ratio = median(rps.get(t.name)!.map((r, i) => r / base[i]!));
      process.stdout.write(`this tree ÷ ${baseRef}: ${ratio.toFixed(2)}× req/s (median of paired rounds)  ${t.name}\n`);
    }
  } finally {
    await host.mf.dispose();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
