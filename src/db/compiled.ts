/**
 * SQL built by drizzle once per isolate, run on each request's own client. Every request has a
 * client of its own (its D1 session, src/lib/d1-session.ts), so drizzle's per-client prepared
 * queries never hit, and building a query's SQL cost the hot reads a tenth of their throughput.
 * A query is compiled once per shape (which optional conditions it has), its values passed as
 * placeholders; literal parameters drizzle put in the SQL are bound as they are.
 *
 * So every value that differs between requests MUST be a placeholder (`sql.placeholder`): a literal is
 * compiled into the statement with the first request's value and bound to every later one. Under
 * test that is checked on every call (verifyCompiledStatements): a query whose SQL or literals differ
 * from what its shape compiled to throws, so any test that reads it with a second value fails.
 */
import { Column, is, Placeholder, SQL } from "drizzle-orm";
import type { Db } from "./client";

interface Compiled {
  sql: string;
  params: unknown[];
}

const compiled = new Map<string, Compiled>();

let verifying = false;
/**
 * Makes every compiledStatement rebuild its query and throw when the SQL or a literal parameter
 * differs from what its shape compiled to: a value that should have been a placeholder, or a
 * condition the shape's key leaves out. Turned on by the tests' setup (test/helpers/apply-migrations.ts).
 */
export function verifyCompiledStatements(): void {
  verifying = true;
}

const literals = (q: Compiled) => JSON.stringify(q.params.map((p) => (p instanceof Placeholder ? null : p)));

function verify(shape: string, query: Compiled, fresh: Compiled): void {
  if (fresh.sql !== query.sql)
    throw new Error(`compiled query "${shape}": its SQL differs between calls; the shape must name what changes it`);
  if (literals(fresh) !== literals(query))
    throw new Error(`compiled query "${shape}": a literal parameter differs between calls; make it a placeholder`);
}

/** `build()`'s SQL for `shape`, compiled on first use; bound to `values` by placeholder name. */
export function compiledStatement(
  db: Db,
  shape: string,
  build: () => { toSQL(): Compiled },
  values: Record<string, unknown>,
): D1PreparedStatement {
  let query = compiled.get(shape);
  if (!query) {
    query = build().toSQL();
    compiled.set(shape, query);
  } else if (verifying) verify(shape, query, build().toSQL());
  const params = query.params.map((p) => (p instanceof Placeholder ? values[p.name] : p));
  return db.$client.prepare(query.sql).bind(...params);
}

type Field = Column | SQL | SQL.Aliased;
/** A select's fields as drizzle takes them: fields, or groups of fields (a table's columns). */
export type Selection = Record<string, Field | Record<string, Field>>;

/**
 * Maps `raw()` rows of a select of `selection` as drizzle maps them: columns in the selection's
 * order, each decoded by its column (booleans, JSON modes), a group whose every column is NULL (a
 * LEFT JOIN that found nothing) null. For statements whose columns share names (a join of two
 * tables with an `id`), which D1's objects would collapse.
 */
export function rowMapper<Row>(selection: Selection): (row: unknown[]) => Row {
  // Decided once, not per value: drizzle's `is()` walks prototypes, and most columns are plain text.
  const decoderOf = (field: Field): ((value: unknown) => unknown) | null =>
    is(field, Column) && field.columnType !== "SQLiteText" ? (value) => field.mapFromDriverValue(value) : null;
  const fields = Object.entries(selection).map(([key, field]) =>
    is(field, Column) || is(field, SQL) || is(field, SQL.Aliased)
      ? { key, decode: decoderOf(field as Field), columns: null }
      : {
          key,
          decode: null,
          columns: Object.entries(field as Record<string, Field>).map(([name, column]) => ({
            name,
            decode: decoderOf(column),
          })),
        },
  );
  return (row) => {
    const out: Record<string, unknown> = {};
    let i = 0;
    for (const { key, decode, columns } of fields) {
      if (!columns) {
        const value = row[i++] ?? null;
        out[key] = value !== null && decode ? decode(value) : value;
        continue;
      }
      const group: Record<string, unknown> = {};
      let empty = true;
      for (const column of columns) {
        const value = row[i++] ?? null;
        if (value !== null) empty = false;
        group[column.name] = value !== null && column.decode ? column.decode(value) : value;
      }
      out[key] = empty ? null : group;
    }
    return out as Row;
  };
}
