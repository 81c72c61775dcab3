/**
 * The registry's own bundle behind a D1 binding that counts the statements it executes, reported in
 * the `x-d1-queries` response header. The bench runs each endpoint once through this Worker; the
 * timed runs use the unwrapped bundle, so counting never costs the measured numbers anything.
 *
 * `./registry.js` is the output of `wrangler deploy --dry-run`, supplied as a second module.
 */
import { countingD1, type D1Counter } from "./counting-d1";
// @ts-expect-error: resolved at runtime to the wrangler-built bundle, which has no types
import registry from "./registry.js";

export default {
  async fetch(request: Request, env: { DB: D1Database }, ctx: ExecutionContext): Promise<Response> {
    const counter: D1Counter = { n: 0, sessions: [] };
    const response: Response = await registry.fetch(request, { ...env, DB: countingD1(env.DB, counter) }, ctx);
    // waitUntil work is not awaited here; the registry's reads and writes are all in the response path.
    const out = new Response(response.body, response);
    out.headers.set("x-d1-queries", String(counter.n));
    out.headers.set("x-d1-batched", String(counter.batched ?? 0));
    return out;
  },
};
