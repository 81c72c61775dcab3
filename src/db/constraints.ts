/**
 * The constraints whose failure the app answers (a write's guard, or a race lost to another writer),
 * each named once and derived from the schema, and the one reader of D1's failure messages. SQLite
 * names a failed CHECK by its name ("CHECK constraint failed: write_guards_ok"), a failed PRIMARY KEY
 * or UNIQUE index by its columns ("UNIQUE constraint failed: t.a, t.b"), and a unique index on
 * expressions by its name ("UNIQUE constraint failed: index 'name'"). test/db/constraints.test.ts
 * provokes each one against D1.
 */
import { Column, is } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { CASING } from "./client";
import { agreements, agreementVersions, idempotencyKeys, statusEvents, writeGuards } from "./schema";

/** How SQLite names one constraint in a failure message. */
interface Signature {
  check?: string;
  /** "table.column" in the index's order */
  columns?: string[];
  index?: string;
}

const casing = new CasingCache(CASING);
const columnsOf = (table: SQLiteTable, columns: SQLiteColumn[]) =>
  columns.map((c) => `${getTableConfig(table).name}.${casing.getColumnCasing(c)}`);

// Each helper throws when the schema no longer declares the constraint, so a rename fails at once.
function checkNamed(table: SQLiteTable, name: string): Signature {
  if (!getTableConfig(table).checks.some((c) => c.name === name)) throw new Error(`schema: no CHECK ${name}`);
  return { check: name };
}

function primaryKeyOf(table: SQLiteTable): Signature {
  const config = getTableConfig(table);
  const columns = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  if (columns.length === 0) throw new Error(`schema: ${config.name} has no primary key`);
  return { columns: columnsOf(table, columns) };
}

function uniqueIndexNamed(table: SQLiteTable, name: string): Signature {
  const index = getTableConfig(table).indexes.find((i) => i.config.name === name && i.config.unique);
  if (!index) throw new Error(`schema: no unique index ${name}`);
  const columns = index.config.columns.filter((c): c is SQLiteColumn => is(c, Column));
  return { index: name, ...(columns.length === index.config.columns.length && { columns: columnsOf(table, columns) }) };
}

export const CONSTRAINTS = {
  /** a write's guard did not hold (src/lib/write.ts) */
  writeGuard: checkNamed(writeGuards, "write_guards_ok"),
  /** a concurrent request with the same Idempotency-Key was recorded first */
  idempotencyKey: primaryKeyOf(idempotencyKeys),
  /** an agreement with this id exists */
  agreementId: primaryKeyOf(agreements),
  /** this version of the agreement is on record already: the write did not bump it (a gated write's guard failed) */
  agreementVersion: primaryKeyOf(agreementVersions),
  /** the same status event (party, status, kind, date as stated) is recorded */
  identicalEvent: uniqueIndexNamed(statusEvents, "status_events_identity_unique"),
} satisfies Record<string, Signature>;

export type Constraint = keyof typeof CONSTRAINTS;

/**
 * D1 reports "D1_ERROR: <SQLite's message>: SQLITE_CONSTRAINT (extended: …)", on the error or its
 * cause. Anchored at the start, so text quoted elsewhere (drizzle's "Failed query: … params: …")
 * is never taken for a failure.
 */
const FAILURE = /^(?:D1_ERROR: )?(UNIQUE|CHECK) constraint failed: (.+?)(?:: SQLITE_CONSTRAINT\b.*)?$/s;

/** Which of CONSTRAINTS `error` reports as violated; undefined for any other error or constraint. */
export function violatedConstraint(error: unknown): Constraint | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const failure = FAILURE.exec(e.message);
    if (!failure) continue;
    const [, kind, subject] = failure;
    return (Object.keys(CONSTRAINTS) as Constraint[]).find((name) => {
      const s: Signature = CONSTRAINTS[name];
      if (kind === "CHECK") return s.check === subject;
      return (
        (s.index !== undefined && subject === `index '${s.index}'`) ||
        (s.columns !== undefined && subject === s.columns.join(", "))
      );
    });
  }
  return undefined;
}
