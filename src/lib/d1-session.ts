/**
 * D1 read replication through the Sessions API: every request runs its queries in one session, so
 * they are sequentially consistent whichever replica answers them.
 *
 * - An anonymous read starts `first-unconstrained`: its first query may go to the nearest replica.
 * - Anything else (a write, an authenticated read) starts `first-primary`: the API key is looked up
 *   on the primary, so a key revoked a moment ago is never accepted by a replica that lags.
 * - A client that sends back the `X-D1-Bookmark` of its last write (or read) reads a database at
 *   least that recent: its own writes. Writes answer with the bookmark of the state they left.
 */
import type { Context } from "hono";
import { createDb } from "../db/client";
import type { AppBindings } from "../types";
import { ApiError } from "./problem";

export const BOOKMARK_HEADER = "X-D1-Bookmark";

/**
 * What D1 hands out: lower-case hex groups separated by dashes. A session's bookmark is a Time
 * Travel bookmark (the Sessions API docs link `withSession(bookmark)` to
 * https://developers.cloudflare.com/d1/reference/time-travel/#bookmarks), and Cloudflare documents
 * production ones as four groups, 8-8-8-32 hex digits: `wrangler d1 time-travel info` prints
 * "The current bookmark is '00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683'"
 * (https://developers.cloudflare.com/workers/wrangler/commands/#time-travel-info). Local D1 hands out
 * the same shape. The pattern leaves room for longer groups rather than pin an undocumented
 * length. Anything else is refused as a client's mistake (400) rather than passed to D1, which
 * would fail the first query with an error that is not the client's to read.
 */
export const BOOKMARK = /^[0-9a-f]{8}(-[0-9a-f]{8,64}){2,6}$/;
/** Seven groups of at most 64 hex digits fit; the header is refused beyond. */
export const BOOKMARK_MAX_LENGTH = 8 + 6 * 65;

/** The client's bookmark, when it sent one; a 400 problem when it is not a bookmark. */
export function clientBookmark(c: Context<AppBindings>): string | undefined {
  const value = c.req.header(BOOKMARK_HEADER);
  if (value === undefined) return undefined;
  if (value.length <= BOOKMARK_MAX_LENGTH && BOOKMARK.test(value)) return value;
  throw new ApiError(400, {
    code: "invalid-bookmark",
    detail: `${BOOKMARK_HEADER} must be a bookmark this API returned (hex groups separated by dashes)`,
  });
}

/** Runs the rest of the request in `session`: `c.var.db` is drizzle over it. */
export function useSession(c: Context<AppBindings>, session: D1DatabaseSession) {
  c.set("session", session);
  c.set("db", createDb(session));
}
