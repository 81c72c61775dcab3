/**
 * SQL built by drizzle once per isolate, run on each request's own client. Every request has a
 * client of its own (its D1 session, src/lib/d1-session.ts), so drizzle's per-client prepared
 * queries never hit, and building a query's SQL cost the hot reads a tenth of their throughput.
 * A query is compiled once per shape (which optional conditions it has), its values passed as
 * placeholders; literal parameters drizzle put in the SQL are bound as they are.
 *
 * So every value that differs between requests MUST be a placeholder (`sql.placeholder`): a literal is
 * compiled into the statement with the first request's value and bound to every later one. The route
 * tests read each compiled query with several values (days, statuses, keys, counterparties).
 */
import { Column, is, Placeholder, SQL } from "drizzle-orm";
import type { Db } from "./client";

interface Compiled {
  sql: string;
  params: unknown[];
}

const compiled = new Map<string, Compiled>();

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
  }
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
