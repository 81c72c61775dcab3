import { createMiddleware } from "hono/factory";
import type { AppBindings } from "../types";

/**
 * Public reads may be kept by shared caches for a minute and served stale while revalidating;
 * the ETag (hono/etag, mounted before this) lets clients revalidate with If-None-Match for free.
 */
export const publicCache = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return;
  if (c.res.status !== 200 && c.res.status !== 304) return;
  c.header("Cache-Control", "public, max-age=60, stale-while-revalidate=300");
  c.header("Vary", "Accept-Language", { append: true });
});
