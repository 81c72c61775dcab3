/**
 * The status_periods rows of one party, derived by the rule in src/domain/periods.ts. Used by the
 * data migration's generator, by POST /v1/status-events and by the benchmark's synthetic data, so
 * every path stores periods the same way.
 */
import { derivePeriods, type StatusEventInput } from "../domain/periods";
import type { statusPeriods } from "./schema";

export function periodRows(
  partyId: string,
  partyKind: string,
  log: StatusEventInput[],
): (typeof statusPeriods.$inferSelect)[] {
  const statusAfter = new Map(log.map((e) => [e.id, e.status]));
  return derivePeriods(log).map((p) => ({
    partyId,
    partyKind,
    status: p.status,
    fromDate: p.from.value,
    fromPrecision: p.from.precision,
    fromWindowStart: p.from.windowStart,
    fromWindowEnd: p.from.windowEnd,
    toDate: p.to?.value ?? null,
    toPrecision: p.to?.precision ?? null,
    toWindowStart: p.to?.windowStart ?? null,
    toWindowEnd: p.to?.windowEnd ?? null,
    nextStatus: p.endEventId === null ? null : (statusAfter.get(p.endEventId) ?? null),
    startEventId: p.startEventId,
    endEventId: p.endEventId,
  }));
}

/** A row keyed by SQL column names, as drizzle's `casing: "snake_case"` names them, for raw SQL. */
export function columnsOf<T extends object>(row: T): Record<string, T[keyof T]> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}
