import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** Same casing as drizzle-kit's `--casing=snake_case`, so column names match the migrations. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema, casing: "snake_case" });
}

export type Db = ReturnType<typeof createDb>;
