import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../types";

/**
 * Public reads may be kept by shared caches for a minute and served stale while revalidating;
 * the ETag (hono/etag, mounted before this) lets clients revalidate with If-None-Match for free.
 */
export const publicCache = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
  if (c.res.status !== 200 && c.res.status !== 304) return;
  // An authenticated read (API keys, the audit log) is for its caller only: no shared cache may keep it.
  if (c.get("actor")) return void c.header("Cache-Control", "private, no-store");
  // A handler that already said otherwise (no-store on admin lists) is not overridden.
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=300");
  c.header("Vary", "Accept-Language", { append: true });
});
