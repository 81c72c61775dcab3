/**
 * The lists of parties on a day (states, organisations, the roster) and the roster's counts: the
 * periods reported on the day, paged, and the running totals by status. No Hono here.
 */
import { and, asc, desc, eq, gt, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/sqlite-core";
import { type PartyKind, STATUSES } from "../domain/statuses";
import type { Db } from "./client";
import { compiledStatement, rowMapper } from "./compiled";
import { partyNameColumns, reportedOn } from "./parties";
import { parties, statusCounts, statusCountsDerived, statusPeriods } from "./schema";

/**
 * The periods reported on `day` (see isReportedOn in src/domain/periods.ts: begun for certain,
 * not ended for certain), joined with their party, in party-id order from `after`.
 */
export interface PeriodsOnFilter {
  kind?: PartyKind;
  status?: string;
  /** only the party with this Wikidata item (unique, parties_wikidata_unique) */
  wikidata?: string;
  day: string;
  after?: { status?: string; id: string };
  limit: number;
  orderByStatus?: boolean;
}

/**
 * What a list entry (states, organisations, roster) shows of a period and of its party: only these
 * columns cross from D1, so a page of 200 carries no evidence, identifiers or former names it does
 * not show (every column a row carries is serialised by D1 and mapped by drizzle, per row).
 */
const listedPeriod = {
  status: statusPeriods.status,
  // the order of a list's pages (the roster's two parts merge on it, listPeriodsOnQuery)
  partyId: statusPeriods.partyId,
  fromDate: statusPeriods.fromDate,
  fromPrecision: statusPeriods.fromPrecision,
  fromWindowEnd: statusPeriods.fromWindowEnd,
  toWindowStart: statusPeriods.toWindowStart,
  toWindowEnd: statusPeriods.toWindowEnd,
  nextStatus: statusPeriods.nextStatus,
};
const listedParty = {
  ...partyNameColumns,
  fullNameEn: parties.fullNameEn,
  wikidata: parties.wikidata,
  contested: parties.contested,
};

/**
 * listPeriodsOn's query, for one shape of filter (which conditions it has); every value a
 * placeholder: kind, status, wikidata, day, afterStatus, afterId, limit (the page size + 1).
 */
export function listPeriodsOnQuery(db: Db, opts: PeriodsOnFilter) {
  const { kind, status, wikidata, after } = opts;
  const day = sql.placeholder("day");
  const afterId = sql.placeholder("afterId");
  const afterCondition = after
    ? opts.orderByStatus && after.status !== undefined
      ? or(
          gt(statusPeriods.status, sql.placeholder("afterStatus")),
          and(eq(statusPeriods.status, sql.placeholder("afterStatus")), gt(statusPeriods.partyId, afterId)),
        )
      : gt(statusPeriods.partyId, afterId)
    : undefined;
  const page = (held: SQL | undefined, reported: SQL | undefined) =>
    db
      .select({ period: listedPeriod, party: listedParty })
      .from(statusPeriods)
      .innerJoin(parties, eq(parties.id, statusPeriods.partyId))
      .where(
        and(
          kind ? eq(statusPeriods.partyKind, sql.placeholder("kind")) : undefined,
          status ? eq(statusPeriods.status, sql.placeholder("status")) : undefined,
          wikidata ? eq(parties.wikidata, sql.placeholder("wikidata")) : undefined,
          held,
          reported,
          afterCondition,
        ),
      );
  if (!opts.orderByStatus || status)
    return page(undefined, reportedOn(day))
      .orderBy(...(opts.orderByStatus ? [asc(statusPeriods.status)] : []), asc(statusPeriods.partyId))
      .limit(sql.placeholder("limit"));
  // The roster walks every status in party order. A status nobody holds on the day is skipped (by
  // the running totals, one seek each); a status few hold (at most SPARSE) is read through the
  // periods not yet ended on the day (status_periods_status_open_cover_idx: one range), since
  // walking it in party order would visit every period it ever had; the rest are walked. SQLite
  // merges the two ordered parts and stops at the page's end.
  const held = (count: SQL) => sql`${statusPeriods.status} IN ${statusesHeldOn(db, day, count)}`;
  const notEnded = and(
    sql`coalesce(${statusPeriods.toWindowEnd}, '9999-12-31') > ${day}`,
    lte(statusPeriods.fromWindowEnd, day),
  );
  return unionAll(page(held(sql`> ${SPARSE}`), reportedOn(day)), page(held(sql`BETWEEN 1 AND ${SPARSE}`), notEnded))
    .orderBy(sql`${sql.identifier("status")}`, sql`${sql.identifier("party_id")}`)
    .limit(sql.placeholder("limit"));
}

/** At most this many parties hold a status on the day: the roster reads it by its open periods. */
const SPARSE = 200;

/** listPeriodsOnQuery's placeholders for `opts`. */
export const listPeriodsOnValues = (opts: PeriodsOnFilter) => ({
  kind: opts.kind,
  status: opts.status,
  wikidata: opts.wikidata,
  day: opts.day,
  afterStatus: opts.after?.status,
  afterId: opts.after?.id,
  limit: opts.limit + 1,
});

export type ListedRow = Awaited<ReturnType<typeof listPeriodsOnQuery>>[number];
/** The page (limit + 1 rows) as one statement, its SQL compiled once per shape (src/db/compiled.ts). */
export function listPeriodsOnStatement(db: Db, opts: PeriodsOnFilter): D1PreparedStatement {
  const shape = [
    "listPeriodsOn",
    opts.kind ? 1 : 0,
    opts.status ? 1 : 0,
    opts.wikidata ? 1 : 0,
    opts.orderByStatus ? 1 : 0,
    opts.after ? (opts.orderByStatus && opts.after.status !== undefined ? 2 : 1) : 0,
  ].join();
  return compiledStatement(db, shape, () => listPeriodsOnQuery(db, opts), listPeriodsOnValues(opts));
}

// By position: D1 builds no object per row for raw() (that cost a list a tenth of its time).
const toListedRow = rowMapper<ListedRow>({ period: listedPeriod, party: listedParty });

/**
 * listPeriodsOnStatement's rows as objects (what a D1 batch gives), mapped as raw() rows are: D1
 * builds each object in the statement's column order, and no two listed columns share a name.
 */
export const toListedRows = (rows: Record<string, unknown>[]): ListedRow[] =>
  rows.map((r) => toListedRow(Object.values(r)));

export async function listPeriodsOn(db: Db, opts: PeriodsOnFilter): Promise<ListedRow[]> {
  return (await listPeriodsOnStatement(db, opts).raw()).map(toListedRow);
}

/** The statuses a period can hold ("none" is the gap between periods), as one JSON parameter. */
const PERIOD_STATUSES = JSON.stringify(STATUSES.filter((s) => s !== "none"));

/**
 * How many parties hold each status on `day`, for the roster's counts: per status, the running
 * total of status_counts in force on that day, found by one seek down the primary key.
 */
export function countStatusesOn(db: Db, day: string | SQLWrapper) {
  return db
    .select({
      status: sql<string>`json_each.value`.as("status"),
      count: sql<number | null>`(${countInForce(db, day)})`.as("count"),
    })
    .from(sql`json_each(${PERIOD_STATUSES})`);
}

/** countStatusesOn as one statement, compiled once (src/db/compiled.ts): rows of { status, count }. */
export const countStatusesOnStatement = (db: Db, day: string) =>
  compiledStatement(db, "countStatusesOn", () => countStatusesOn(db, sql.placeholder("day")), { day });

/** The running total of the status `json_each.value` on `day` (a scalar subquery of countStatusesOn). */
const countInForce = (db: Db, day: string | SQLWrapper) =>
  db
    .select({ count: statusCounts.count })
    .from(statusCounts)
    .where(and(eq(statusCounts.status, sql`json_each.value`), lte(statusCounts.fromDay, day)))
    .orderBy(desc(statusCounts.fromDay))
    .limit(1);

/** The statuses held on `day` by a number of parties `count` accepts (e.g. `> 0`), by the running totals: one seek per status. */
const statusesHeldOn = (db: Db, day: string | SQLWrapper, count: SQL = sql`> 0`) =>
  sql`(SELECT json_each.value FROM json_each(${PERIOD_STATUSES}) WHERE (${countInForce(db, day)}) ${count})`;

/** Recomputes status_counts from status_periods: part of every batch that changes status_periods. */
export const recountStatuses = (db: Db) =>
  [db.delete(statusCounts), db.insert(statusCounts).select(db.select().from(statusCountsDerived))] as const;
