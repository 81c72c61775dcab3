import { drizzle } from "drizzle-orm/d1";

/** How drizzle names the columns in SQL; src/db/constraints.ts names them the same way. */
export const CASING = "snake_case";

/**
 * What drizzle runs its statements on: the binding itself (the scheduled job), or a D1 Sessions API
 * session (every request, src/middleware/db.ts). drizzle calls only `prepare` and `batch`, which a
 * session has; its types ask for the whole D1Database (drizzle-orm#4776 adds sessions upstream).
 */
export type D1Target = D1Database | D1DatabaseSession;

/**
 * A drizzle client over `d1`. Same casing as drizzle-kit's `--casing=snake_case`. The relational
 * query API is not used, so no schema is passed (it would be rebuilt for nothing): building the
 * client is a few small objects, cheap enough once per request for the session each request has.
 */
export const createDb = (d1: D1Target) => drizzle(d1 as D1Database, { casing: CASING });

export type Db = ReturnType<typeof createDb>;
