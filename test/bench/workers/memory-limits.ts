/**
 * The registry's own bundle with its Rate Limiting bindings counted in this isolate's memory, for the
 * timed runs. miniflare simulates each binding with a Durable Object: every `limit()` call is a round
 * trip to one object and a SQLite write, all clients' calls queued through that one object. With a
 * limiter on every public read that simulation alone cut the status read to about a quarter of its
 * rate on this machine (bench:smoke), a cost the deployed binding does not have: Cloudflare keeps its
 * counters on the machine that runs the Worker. So the timed Workers count here instead: fixed windows
 * per key in a Map, as the simulation counts, with a limit no benchmark reaches (the bench is one
 * client, 127.0.0.1). The query-counting Worker keeps miniflare's simulated bindings.
 *
 * `./registry.js` is the output of `wrangler deploy --dry-run`, supplied as a second module;
 * RATE_LIMITERS names wrangler.toml's [[ratelimits]] bindings (test/bench/lib/build.ts).
 */
// @ts-expect-error: resolved at runtime to the wrangler-built bundle, which has no types
import registry from "./registry.js";

const LIMIT = 1_000_000_000;
const PERIOD_MS = 60_000;

function memoryLimiter(): RateLimit {
  const windows = new Map<string, { window: number; count: number }>();
  return {
    async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
      const window = Math.floor(Date.now() / PERIOD_MS);
      const entry = windows.get(key);
      if (!entry || entry.window !== window) windows.set(key, { window, count: 1 });
      else if (entry.count >= LIMIT) return { success: false };
      else entry.count += 1;
      return { success: true };
    },
  };
}

let limiters: Record<string, RateLimit> | undefined;

export default {
  fetch(request: Request, env: { RATE_LIMITERS: string[] }, ctx: ExecutionContext): Promise<Response> {
    limiters ??= Object.fromEntries(env.RATE_LIMITERS.map((name) => [name, memoryLimiter()]));
    return registry.fetch(request, { ...env, ...limiters }, ctx);
  },
};
