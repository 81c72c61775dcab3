import { type SQL, sql } from "drizzle-orm";

/** A short constant list (a domain vocabulary, e.g. lifecycles) as `a, b, c` for `IN (…)`. */
export const sqlList = (values: readonly string[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
