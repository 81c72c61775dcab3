import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { BOOKMARK_HEADER } from "../lib/d1-session";
import { PUBLIC_CACHE_CONTROL } from "../lib/edge-cache";
import type { AppBindings } from "../types";

const CORS = {
  origin: "*",
  allowHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", BOOKMARK_HEADER],
  // X-Request-Id: the server's id of the request, what a browser client quotes when reporting a problem.
  exposeHeaders: [
    "ETag",
    "Location",
    "Retry-After",
    "X-RateLimit-Limit",
    "RateLimit-Policy",
    "X-Request-Id",
    BOOKMARK_HEADER,
    // The dataset exports' version and citation (src/routes/exports/).
    "Dataset-Version",
    "Link",
  ],
};
const EXPOSED = CORS.exposeHeaders.join(",");

/** Preflights of cross-origin writes, answered by hono/cors. */
export const corsPreflight = cors(CORS);

/**
 * The headers of every /v1 answer: CORS for a simple request (what hono/cors adds with origin "*"),
 * and caching (nosniff, for every answer, is src/middleware/security-headers.ts). Public reads may be kept by shared caches for a minute and served stale
 * while revalidating; the ETag (src/middleware/etag.ts, mounted after this) lets clients revalidate
 * with If-None-Match for free.
 *
 * All are set on the finished Response: hono/cors touches `c.res` before the handler, which makes
 * Hono copy the handler's Response to carry them, and each `c.header` after the handler copies it
 * again, and those copies cost the hot reads measurably. The Worker builds every Response it
 * answers, so their headers are mutable.
 */
export const responseHeaders = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("Access-Control-Allow-Origin", CORS.origin);
  headers.set("Access-Control-Expose-Headers", EXPOSED);
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
  if (c.res.status !== 200 && c.res.status !== 304) return;
  // An authenticated read (API keys, the audit log) is for its caller only: no shared cache may keep it.
  if (c.get("actor")) return void headers.set("Cache-Control", "private, no-store");
  // A read that sent a bookmark wants at least its own writes: no cache may answer it later from
  // this answer without asking again (the ETag still makes asking cheap).
  if (c.req.header(BOOKMARK_HEADER) !== undefined) headers.set("Cache-Control", "private, no-cache");
  // A handler that already said otherwise (no-store on admin lists, no-cache on the change feed) is not overridden.
  else if (!headers.has("Cache-Control")) headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  // X-D1-Bookmark: a cache must not answer a read that sends a bookmark with an answer to one that did not.
  headers.append("Vary", `Accept-Language, ${BOOKMARK_HEADER}`);
});
