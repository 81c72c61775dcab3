/**
 * Hosts the Workers in one workerd through the `miniflare` API (what `wrangler dev` runs, without
 * its local proxy). Each Worker gets its own loopback socket, and the registry, its query-counting
 * twin and the storage floor bind the same D1 database id, so they read the same rows.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { type Bundles, compatibility, ROOT, unlimitedRateLimits } from "./build";

/**
 * `registry` and `counter` run as deployed, edge cache included; `cold`, `real` and `coldCounter`
 * run the same bundle with miniflare's Cache API switched off (`cacheAPI: false`: every match
 * misses, every put is dropped), so their reads measure the D1 path of a read the cache does not
 * hold, with nothing in the registry changed for the bench.
 */
export const WORKER_NAMES = [
  "registry",
  "cold",
  "real",
  "counter",
  "coldCounter",
  "r1",
  "r2",
  "r2cold",
  "r3",
  // only with bundles.baseRegistry (npm run bench:ab): another commit's registry, cold, on either database
  "base",
  "baseReal",
] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];
export type D1 = Awaited<ReturnType<Miniflare["getD1Database"]>>;

export interface Host {
  mf: Miniflare;
  db: D1;
  /** the registry's real data alone (the migrations), behind the `real` Worker */
  realDb: D1;
  urls: Record<WorkerName, string>;
}

export async function startHost(
  bundles: Bundles,
  persistDir: string,
  databaseId: string,
  inspectorPort?: number,
): Promise<Host> {
  const compat = { ...compatibility(), modulesRoot: persistDir };
  const socket = [{ host: "127.0.0.1", port: 0 }];
  const d1Databases = { DB: databaseId };
  const ratelimits = unlimitedRateLimits();
  const registryBindings = {
    d1Databases,
    bindings: { ADMIN_TOKEN: "bench-admin-token", RATE_LIMITERS: Object.keys(ratelimits) },
  };
  const module = (name: string, contents: string) => ({
    type: "ESModule" as const,
    path: path.join(persistDir, name),
    contents,
  });
  // Each Worker's modules sit in its own directory, so that every main module finds its own ./registry.js.
  const timed = (name: string, registry = bundles.registry) => [
    module(`${name}/index.js`, bundles.memoryLimits),
    module(`${name}/registry.js`, registry),
  ];
  const base = bundles.baseRegistry;
  const baseWorkers = base
    ? (["base", "baseReal"] as const).map((name) => ({
        name,
        ...compat,
        cacheAPI: false,
        modules: timed(name, base),
        ...registryBindings,
        ...(name === "baseReal" ? { d1Databases: { DB: `${databaseId}-real` } } : {}),
        unsafeDirectSockets: socket,
      }))
    : [];
  // miniflare 5 still takes the familiar v4 option shape through its documented adapter.
  const options = convertV4MiniflareOptions({
    resourcePersistencePath: persistDir,
    // test/bench/profile.ts attaches the DevTools protocol here to take a CPU profile.
    ...(inspectorPort ? { inspectorPort } : {}),
    cf: false, // no network: never fetch the request.cf fixture
    // BENCH_LOGS=1 shows the Workers' console (e.g. the error behind a 500); quiet otherwise.
    handleStructuredLogs: (entry: { level: string; message: string }) => {
      if (process.env.BENCH_LOGS) process.stderr.write(`[workerd ${entry.level}] ${entry.message}\n`);
    },
    workers: [
      // The timed registry Workers count rate limits in memory (test/bench/workers/memory-limits.ts).
      { name: "registry", ...compat, modules: timed("registry"), ...registryBindings, unsafeDirectSockets: socket },
      {
        name: "cold",
        ...compat,
        cacheAPI: false,
        modules: timed("cold"),
        ...registryBindings,
        unsafeDirectSockets: socket,
      },
      {
        name: "real",
        ...compat,
        cacheAPI: false,
        modules: timed("real"),
        ...registryBindings,
        d1Databases: { DB: `${databaseId}-real` },
        unsafeDirectSockets: socket,
      },
      ...(["counter", "coldCounter"] as const).map((name) => ({
        name,
        ...compat,
        ...(name === "coldCounter" ? { cacheAPI: false } : {}),
        ...registryBindings,
        ratelimits,
        unsafeDirectSockets: socket,
        modules: [module(`${name}/counter.js`, bundles.queryCounter), module(`${name}/registry.js`, bundles.registry)],
      })),
      { name: "r1", ...compat, modules: [module("r1.js", bundles.runtimeLimit)], unsafeDirectSockets: socket },
      {
        name: "r2",
        ...compat,
        modules: [module("r2.js", bundles.storageFloor)],
        d1Databases,
        unsafeDirectSockets: socket,
      },
      // R2's Worker again with the Cache API off, like the registry's cold twin: the platform floor
      // of a D1-path read (its lookups all miss) is timed here.
      {
        name: "r2cold",
        ...compat,
        cacheAPI: false,
        modules: [module("r2cold.js", bundles.storageFloor)],
        d1Databases,
        unsafeDirectSockets: socket,
      },
      ...baseWorkers,
      {
        name: "r3",
        ...compat,
        modules: [module("r3.js", bundles.writeFloor)],
        d1Databases,
        unsafeDirectSockets: socket,
      },
    ],
  });
  const mf = new Miniflare(options);
  await mf.ready;
  const urls = {} as Record<WorkerName, string>;
  for (const name of WORKER_NAMES.filter((n) => base || !n.startsWith("base")))
    urls[name] = (await mf.unsafeGetDirectURL(name)).toString().replace(/\/$/, "");
  return { mf, db: await mf.getD1Database("DB", "registry"), realDb: await mf.getD1Database("DB", "real"), urls };
}

/** Statements run in batches: one round trip to workerd per batch, each batch one transaction. */
export async function runStatements(db: D1, statements: string[], perBatch = 50): Promise<void> {
  for (let i = 0; i < statements.length; i += perBatch) {
    await db.batch(statements.slice(i, i + perBatch).map((sql) => db.prepare(sql)));
  }
}

/**
 * migrations/*.sql in order, split as wrangler splits them: drizzle-kit's breakpoints, and one
 * statement a line in the generated data migration. Leading comment lines are dropped.
 */
export function migrationStatements(): string[] {
  const dir = path.join(ROOT, "migrations");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  return files.flatMap((file) =>
    readFileSync(path.join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      // A trigger's body has statements of its own: a chunk that creates one is one statement.
      .flatMap((chunk) => (/CREATE TRIGGER/i.test(chunk) ? [chunk] : chunk.split(/;\s*\n/)))
      .map((s) =>
        s
          .replace(/^(\s*--[^\n]*\n)+/, "")
          .trim()
          .replace(/;$/, ""),
      )
      .filter((s) => s.length > 0 && !s.startsWith("--")),
  );
}
