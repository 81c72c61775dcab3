/**
 * Builds the Workers: the registry exactly as it would be deployed (`wrangler deploy
 * --dry-run --outdir`), and the three reference Workers plus the query-counting wrapper with esbuild.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
/** The Worker's bundle, gzipped, at most (issue 13). */
export const BUNDLE_LIMIT = 200 * 1024;
const WORKERS = path.join(ROOT, "test/bench/workers");

export interface Bundles {
  registry: string;
  runtimeLimit: string;
  storageFloor: string;
  writeFloor: string;
  queryCounter: string;
  memoryLimits: string;
  size: { raw: number; gzip: number };
  /** another commit's registry (npm run bench:ab with BENCH_BASE), hosted beside this one */
  baseRegistry?: string;
}

/** The registry's bundle as `ref` built it: a detached worktree of this repository, built there. */
export function buildAt(ref: string, outdir: string): string {
  const tree = path.join(outdir, "tree");
  execFileSync("git", ["worktree", "add", "--detach", tree, ref], { cwd: ROOT, stdio: "pipe" });
  try {
    execFileSync("ln", ["-s", path.join(ROOT, "node_modules"), path.join(tree, "node_modules")]);
    dryRun(path.join(outdir, "out"), undefined, tree);
    return readFileSync(path.join(outdir, "out", "index.js"), "utf8");
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: ROOT, stdio: "pipe" });
  }
}

async function bundle(entry: string, external: string[] = []): Promise<string> {
  const out = await build({
    entryPoints: [path.join(WORKERS, entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    external,
  });
  return out.outputFiles[0]!.text;
}

/**
 * The registry's bundle as it would be deployed: the same command `npm test` runs, so the measured
 * bundle is the one that ships. Writes index.js and index.js.map to outdir, and esbuild's metafile
 * when asked.
 */
export function dryRun(outdir: string, metafile?: string, root = ROOT): void {
  const args = ["deploy", "--dry-run", "--outdir", outdir, ...(metafile ? ["--metafile", metafile] : [])];
  // BENCH_NO_MINIFY=1 keeps the names readable in a profile (npm run bench:profile); never for the record.
  if (process.env.BENCH_NO_MINIFY) args.push("--no-minify");
  execFileSync(path.join(ROOT, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

export async function buildAll(outdir: string): Promise<Bundles> {
  dryRun(outdir);
  const registryBytes = readFileSync(path.join(outdir, "index.js"));
  return {
    registry: registryBytes.toString("utf8"),
    runtimeLimit: await bundle("runtime-limit.ts"),
    storageFloor: await bundle("storage-floor.ts"),
    writeFloor: await bundle("write-floor.ts"),
    queryCounter: await bundle("query-counter.ts", ["./registry.js"]),
    memoryLimits: await bundle("memory-limits.ts", ["./registry.js"]),
    size: { raw: registryBytes.length, gzip: gzipSync(registryBytes).length },
  };
}

/** compatibility_date and compatibility_flags, read from wrangler.toml so they cannot drift. */
export function compatibility(): { compatibilityDate: string; compatibilityFlags: string[] } {
  const toml = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "";
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  return { compatibilityDate: date, compatibilityFlags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) };
}

/**
 * wrangler.toml's rate-limit bindings (READ_LIMITER, WRITE_LIMITER, AUTH_FAILURE_LIMITER: every block
 * found), each with a limit no benchmark reaches: autocannon is one client (127.0.0.1) sending
 * thousands of requests a second, and the bench measures the registry rather than a wall of 429s.
 * The query-counting Worker gets these simulated bindings; the timed Workers count in memory
 * (test/bench/workers/memory-limits.ts says why), still on every read and write.
 */
export function unlimitedRateLimits(): Record<string, { namespace_id: string; simple: { limit: number; period: 60 } }> {
  const toml = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8");
  const out: ReturnType<typeof unlimitedRateLimits> = {};
  for (const block of toml.split(/^\[\[ratelimits\]\]\s*$/m).slice(1)) {
    const name = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const namespace = /^namespace_id\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (name && namespace) out[name] = { namespace_id: namespace, simple: { limit: 1_000_000_000, period: 60 } };
  }
  return out;
}
