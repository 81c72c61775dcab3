import { createMiddleware } from "hono/factory";
import { BOOKMARK_HEADER, useSession } from "../lib/d1-session";
import { currentGeneration, MAX_AGE, readKey } from "../lib/edge-cache";
import type { AppBindings } from "../types";

/**
 * Answers a public read from the location's edge cache (src/lib/edge-cache.ts), or runs it and
 * keeps its answer. Mounted by publicRead after readRateLimit: an answer from the cache still
 * counts against the client's read limit, which bounds what one client may ask, not what it costs.
 *
 * Kept: 200s the handler did not mark itself (a handler that sets Cache-Control, like the change
 * feed's no-cache, opts out). Never kept: errors, authenticated answers, and reads that send a
 * bookmark — those want at least their own writes and go to D1 (src/lib/d1-session.ts).
 * The 304 of a conditional GET is made from the cached 200 by src/middleware/etag.ts, outside.
 */
export const edgeCache = createMiddleware<AppBindings>(async (c, next) => {
  if (c.req.header(BOOKMARK_HEADER) !== undefined || c.req.header("Authorization") !== undefined) return next();
  const generation = await currentGeneration(c.req.url);
  const key = readKey(c.req.url, c.var.language, generation);
  const hit = await caches.default.match(key);
  if (hit) {
    // A copy: the outer middleware set headers on the answer, and a cached Response's are immutable.
    const res = new Response(hit.body, hit);
    const stored = Date.parse(hit.headers.get("Date") ?? "");
    res.headers.set("Age", String(Number.isNaN(stored) ? 0 : Math.max(0, Math.floor((Date.now() - stored) / 1000))));
    res.headers.delete("Cache-Control");
    res.headers.delete("Date");
    c.res = res;
    return;
  }
  // After a write here, read at least what it wrote, even from a replica that lags.
  if (generation?.bookmark) useSession(c, c.env.DB.withSession(generation.bookmark));
  await next();
  if (c.res.status !== 200 || c.res.headers.has("Cache-Control") || c.get("actor")) return;
  const copy = new Response(c.res.clone().body, c.res);
  copy.headers.set("Cache-Control", `public, max-age=${MAX_AGE}`);
  copy.headers.set("Date", new Date().toUTCString());
  c.executionCtx.waitUntil(caches.default.put(key, copy));
});
