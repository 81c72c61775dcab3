import { createMiddleware } from "hono/factory";
import { BOOKMARK_HEADER, clientBookmark, useSession } from "../lib/d1-session";
import type { AppBindings } from "../types";

/**
 * Opens the request's D1 session (src/lib/d1-session.ts) and builds the drizzle client over it;
 * handlers and queries read it from `c.var.db`. Opening a session sends no query: a read the edge
 * cache answers (src/middleware/edge-cache.ts) costs D1 nothing.
 *
 * Writes, and reads that sent a bookmark, answer with the session's bookmark after their last query.
 */
export const db = createMiddleware<AppBindings>(async (c, next) => {
  const bookmark = clientBookmark(c);
  const read = c.req.method === "GET" || c.req.method === "HEAD";
  const anonymous = c.req.header("Authorization") === undefined;
  const start = read && anonymous ? (bookmark ?? "first-unconstrained") : "first-primary";
  useSession(c, c.env.DB.withSession(start));
  await next();
  if (read && bookmark === undefined) return;
  const after = c.var.session.getBookmark();
  if (after) c.res.headers.set(BOOKMARK_HEADER, after);
});
