/**
 * `npm run bench`: the registry against R1 (the runtime's limit), R2 (the storage floor of a read)
 * and R3 (that of an audited write), on
 * 1k and 100k synthetic status events. `--smoke` is CI's proof that the harness works: one short
 * round on the 1k dataset, exit 1 if any measured answer was wrong. Benchmarks are never timed tests.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildAll } from "./lib/build";
import { loadDataset } from "./lib/dataset";
import {
  endpoints,
  platformReadFloor,
  platformWriteFloor,
  probe,
  runtimeLimit,
  storageFloor,
  writeFloor,
} from "./lib/endpoints";
import { startHost } from "./lib/host";
import { combine, measure, median, type Stats, type Target } from "./lib/measure";
import { type DatasetResult, markdown, type Row, type RunResult, save } from "./lib/report";
import { timeStartup } from "./lib/startup";

process.env.WRANGLER_SEND_METRICS = "false";
const smoke = process.argv.includes("--smoke");
// Bounded: 12 endpoints × 3 Workers × 10 rounds × 1 s × 2 datasets: about fifteen minutes in all.
// Short rounds, often alternated, keep each registry round close in time to the R1 and R2 rounds it
// is compared with: on this shared machine 10 × 1 s gave steadier ratios than 5 × 2 s.
const settings = smoke ? { rounds: 1, seconds: 1, connections: 10 } : { rounds: 10, seconds: 1, connections: 10 };
// BENCH_ROUNDS and BENCH_SECONDS lengthen a run when the machine is noisy.
if (process.env.BENCH_ROUNDS) settings.rounds = Number(process.env.BENCH_ROUNDS);
if (process.env.BENCH_SECONDS) settings.seconds = Number(process.env.BENCH_SECONDS);
// BENCH_SIZES=1000 and BENCH_ONLY=<part of an endpoint's name> narrow a run while investigating.
const sizes = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : smoke
    ? [1_000]
    : [1_000, 100_000];
const only = process.env.BENCH_ONLY;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const failures: string[] = [];

/** Every answer of a timed run must be right; anything else is listed and fails the run. */
function check(label: string, stats: Stats, ok: (status: number) => boolean) {
  const wrong = Object.entries(stats.statuses).filter(([code]) => !ok(Number(code)));
  if (wrong.length > 0 || stats.errors > 0 || stats.requests === 0) {
    failures.push(
      `${label}: ${JSON.stringify(stats.statuses)}, ${stats.errors} errors ${JSON.stringify(stats.errorKinds)}`,
    );
  }
}
const is2xx = (s: number) => s >= 200 && s < 300;

async function benchDataset(
  bundles: Awaited<ReturnType<typeof buildAll>>,
  tmp: string,
  events: number,
): Promise<DatasetResult> {
  const persist = path.join(tmp, `d1-${events}`);
  mkdirSync(persist, { recursive: true });
  const host = await startHost(bundles, persist, `bench-${events}`);
  try {
    const started = performance.now();
    const data = await loadDataset(host.db, events, host.realDb);
    log(`${events} events: loaded in ${Math.round(performance.now() - started)} ms, rows ${JSON.stringify(data.rows)}`);
    const results: Row[] = [];
    for (const ep of endpoints(data, host.urls.real).filter((e) => !only || e.name.includes(only))) {
      const label = `${events} ${ep.name}`;
      // The D1 path on the cache-less twins, unless the row measures the edge cache (host.ts).
      const registryUrl = ep.cached ? host.urls.registry : ep.realData ? host.urls.real : host.urls.cold;
      const counterUrl = ep.cached ? host.urls.counter : host.urls.coldCounter;
      await ep.prepare?.(counterUrl);
      await ep.prepare?.(registryUrl);
      const counted = await probe(ep.target(counterUrl));
      const first = await probe(ep.target(registryUrl));
      if (ep.mayNotExist && first.status === 404) {
        log(`${label}: 404, not built yet`);
        results.push({
          endpoint: ep.name,
          registry: null,
          r1: null,
          r2: null,
          platform: null,
          ratios: null,
          queries: null,
          batched: null,
          note: "n/a (404)",
        });
        continue;
      }
      if (!ep.ok(first.status) || !ep.ok(counted.status))
        failures.push(`${label}: answered ${first.status} (counter ${counted.status}): ${first.body}`);
      // "r2" is the row's floor: R2 for a read, R3 for a write. "platform" is that floor as the
      // platform the issue prescribes makes it (a D1 session, the edge cache): see endpoints.ts.
      const who = ["r1", "r2", "platform", "registry"] as const;
      const rounds: Record<(typeof who)[number], Stats[]> = { r1: [], r2: [], platform: [], registry: [] };
      const write = ep.floor === "r3";
      const targets: Record<(typeof who)[number], Target> = {
        r1: runtimeLimit(host.urls.r1),
        r2: write ? writeFloor(host.urls.r3, data) : storageFloor(host.urls.r2, data),
        platform: write
          ? platformWriteFloor(host.urls.r3, data)
          : ep.sessionOnly
            ? storageFloor(`${host.urls.r2}/session`, data)
            : platformReadFloor(ep.cached ? host.urls.r2 : host.urls.r2cold, data),
        registry: ep.target(registryUrl),
      };
      if (ep.cached) await probe(targets.platform); // fills R2's cache: its rounds are hits
      for (let i = 0; i < settings.rounds; i++) {
        for (const w of who) rounds[w].push(await measure(targets[w], settings.seconds, settings.connections));
      }
      const [r1, r2, platform, registry] = who.map((w) => combine(rounds[w])) as [Stats, Stats, Stats, Stats];
      // Each registry round against the R1 and R2 rounds just before it: drift of the machine's
      // speed between rounds cancels out of the ratio.
      const paired = (ref: Stats[], k: "rps" | "p99") => median(rounds.registry.map((s, i) => s[k] / ref[i]![k]));
      const ratios = {
        r1: paired(rounds.r1, "rps"),
        r2: paired(rounds.r2, "rps"),
        p99r2: paired(rounds.r2, "p99"),
        platform: paired(rounds.platform, "rps"),
        p99platform: paired(rounds.platform, "p99"),
        platformR2: median(rounds.platform.map((s, i) => s.rps / rounds.r2[i]!.rps)),
      };
      check(`${label} (R1)`, r1, is2xx);
      check(`${label} (R2)`, r2, is2xx);
      check(`${label} (platform floor)`, platform, is2xx);
      check(label, registry, ep.ok);
      log(
        `${label}: ${Math.round(registry.rps)} req/s, p99 ${registry.p99} ms, ${counted.queries} D1 queries, ${JSON.stringify(registry.statuses)}`,
      );
      results.push({
        endpoint: ep.name,
        registry,
        r1,
        r2,
        platform,
        ratios,
        queries: counted.queries,
        batched: counted.batched,
        floor: ep.floor === "r3" ? "R3" : "R2",
        informative: ep.informative,
      });
    }
    return { events, rows: data.rows, results };
  } finally {
    await host.mf.dispose();
  }
}

const tmp = mkdtempSync(path.join(tmpdir(), "sco-bench-"));
try {
  const bundles = await buildAll(path.join(tmp, "dry-run"));
  log(`bundle: ${bundles.size.raw} bytes raw, ${bundles.size.gzip} gzipped`);
  const datasets: DatasetResult[] = [];
  for (const events of sizes) datasets.push(await benchDataset(bundles, tmp, events));
  log("timing npm start…");
  const startup = await timeStartup();
  if (startup.ms === null) failures.push(`npm start: ${startup.detail}`);
  const run: RunResult = {
    mode: smoke ? "smoke" : "full",
    date: new Date().toISOString(),
    settings,
    bundle: bundles.size,
    startupMs: startup.ms,
    startupDetail: startup.detail,
    datasets,
  };
  process.stdout.write(markdown(run));
  save(run, path.join(import.meta.dirname, "results"));
  for (const f of failures) log(`FAILED ${f}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
