/**
 * `npm run bench:ab`: a quick comparison of a few targets in one run, rounds alternating so that the
 * machine's noise hits them alike (the full `npm run bench` is the record; this is for deciding
 * whether a change helps). Loads the 1k dataset, then times R2, R2 in a D1 session and the
 * endpoints whose names contain one of BENCH_AB (comma-separated; default the status read).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildAll } from "./lib/build";
import { loadDataset } from "./lib/dataset";
import { endpoints, storageFloor } from "./lib/endpoints";
import { startHost } from "./lib/host";
import { measure, median, type Target } from "./lib/measure";

process.env.WRANGLER_SEND_METRICS = "false";
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 1);
const wanted = (process.env.BENCH_AB ?? "status?at=").split(",");

const tmp = mkdtempSync(path.join(tmpdir(), "sco-ab-"));
try {
  const bundles = await buildAll(path.join(tmp, "dry-run"));
  const persist = path.join(tmp, "d1");
  mkdirSync(persist, { recursive: true });
  const host = await startHost(bundles, persist, "ab");
  try {
    const data = await loadDataset(host.db, 1_000, host.realDb);
    const targets: { name: string; target: Target }[] = [
      { name: "R2", target: storageFloor(host.urls.r2, data) },
      { name: "R2 in a D1 session", target: storageFloor(`${host.urls.r2}/session`, data) },
    ];
    for (const ep of endpoints(data)) {
      if (!wanted.some((w) => ep.name.includes(w))) continue;
      const worker = ep.cached ? "registry" : ep.realData ? "real" : "cold";
      await ep.prepare?.(host.urls[worker]);
      targets.push({ name: ep.name, target: ep.target(host.urls[worker]) });
    }
    for (const t of targets) await measure(t.target, 1, 10); // warm up
    const rps = new Map(targets.map((t) => [t.name, [] as number[]]));
    const p99 = new Map(targets.map((t) => [t.name, [] as number[]]));
    for (let r = 0; r < rounds; r++)
      for (const t of targets) {
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
  } finally {
    await host.mf.dispose();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
