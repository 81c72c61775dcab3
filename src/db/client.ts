import { drizzle } from "drizzle-orm/d1";

/**
 * One drizzle client per D1 binding, kept for the isolate's life: building it per request costs the
 * hot reads measurably. Same casing as drizzle-kit's `--casing=snake_case`. The relational query API
 * is not used, so no schema is passed (it would be rebuilt for nothing).
 */
const clients = new WeakMap<D1Database, ReturnType<typeof build>>();
/** How drizzle names the columns in SQL; src/db/constraints.ts names them the same way. */
export const CASING = "snake_case";
const build = (d1: D1Database) => drizzle(d1, { casing: CASING });

export function createDb(d1: D1Database) {
  let db = clients.get(d1);
  if (!db) {
    db = build(d1);
    clients.set(d1, db);
  }
  return db;
}

export type Db = ReturnType<typeof createDb>;
