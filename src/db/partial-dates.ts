/**
 * A partial date's window (parsePartialDate in src/domain/dates.ts) computed in SQL from its text
 * and precision columns, for guards that compare dates inside a write's batch. A property test
 * (test/db/agreement-guards.queries.test.ts) proves it gives the domain's windows.
 */
import { type SQLWrapper, sql } from "drizzle-orm";

export const windowStartSql = (date: SQLWrapper, precision: SQLWrapper) =>
  sql`(CASE ${precision} WHEN 'year' THEN ${date} || '-01-01' WHEN 'month' THEN ${date} || '-01' ELSE ${date} END)`;

export const windowEndSql = (date: SQLWrapper, precision: SQLWrapper) =>
  sql`(CASE ${precision} WHEN 'year' THEN ${date} || '-12-31' WHEN 'month' THEN date(${date} || '-01', '+1 month', '-1 day') ELSE ${date} END)`;
