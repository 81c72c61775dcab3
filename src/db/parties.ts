/** Queries over parties, their events and their derived periods. No Hono here. */
import { and, asc, desc, eq, getTableColumns, gt, isNull, lte, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { unionAll } from "drizzle-orm/sqlite-core";
import { logOrder } from "../domain/periods";
import { type PartyKind, STATUSES } from "../domain/statuses";
import type { Db } from "./client";
import { compiledStatement, rowMapper } from "./compiled";
import { parties, statusCounts, statusCountsDerived, statusEvents, statusEventVersions, statusPeriods } from "./schema";

export type PartyRow = typeof parties.$inferSelect;
export type StatusEventRow = typeof statusEvents.$inferSelect;
export type StatusPeriodRow = typeof statusPeriods.$inferSelect;

/**
 * The registry id a client's reference names: an organisation's slug, a state's alpha-3 or alpha-2
 * code, in any case. Exact matches win, then organisations (lowercase), then states (uppercase),
 * so "cis" is the CIS and "irn" is Iran. A scalar subquery, so filters stay one statement.
 */
export function partyIdFor(ref: string) {
  return partyIdOfVariants(ref, ref.toLowerCase(), ref.toUpperCase());
}

/** partyIdFor with placeholders ref, refLower and refUpper (partyRefValues gives them), for compiled SQL. */
export const partyIdForPlaceholders = () =>
  partyIdOfVariants(sql.placeholder("ref"), sql.placeholder("refLower"), sql.placeholder("refUpper"));
export const partyRefValues = (ref: string) => ({ ref, refLower: ref.toLowerCase(), refUpper: ref.toUpperCase() });

type Value = string | SQLWrapper;
function partyIdOfVariants(ref: Value, lower: Value, upper: Value) {
  const byId = (v: Value) => sql`(SELECT ${parties.id} FROM ${parties} WHERE ${parties.id} = ${v})`;
  return sql`COALESCE(${byId(ref)}, ${byId(lower)}, ${byId(upper)}, (SELECT ${parties.id} FROM ${parties} WHERE ${parties.alpha2} = ${upper}))`;
}

/** States are found by alpha-3 or alpha-2, in any case; organisations by their slug. */
function partyKeyCondition(kind: PartyKind, key: string) {
  if (kind === "organisation") return and(eq(parties.kind, kind), eq(parties.id, key.toLowerCase()));
  const upper = key.toUpperCase();
  return and(eq(parties.kind, kind), upper.length === 2 ? eq(parties.alpha2, upper) : eq(parties.id, upper));
}

/**
 * A party as lists and histories show it. Not `parties.periods`: that JSON copy of every period
 * of the party is what "status on a day" reads; a list has the period it shows and a history
 * derives them from the events, and reading and sending the whole copy for each row (for each
 * event, in a history's join) was much of their cost (`npm run bench:profile`).
 */
const { periods: _periods, ...shownParty } = getTableColumns(parties);

/** Who a party is, in every language: the columns every list, lookup and export of parties starts with. */
export const partyNameColumns = {
  id: parties.id,
  kind: parties.kind,
  alpha2: parties.alpha2,
  nameEn: parties.nameEn,
  nameRu: parties.nameRu,
  nameZh: parties.nameZh,
};

/**
 * Whether any of the party's events has been corrected or retracted (a version after the first):
 * read with the log, so a history without corrections (nearly all) costs one round trip.
 */
const hasCorrections = sql<number>`EXISTS (SELECT 1 FROM ${statusEventVersions} v WHERE v.party_id = ${sql.identifier("parties")}.${sql.identifier("id")} AND v.version > 1)`;

/** How a key names its party: organisations by slug (lower case), states by alpha-2 or alpha-3 (upper case). */
export function partyKeyOf(kind: PartyKind, key: string): { by: "id" | "alpha2"; key: string } {
  const normalised = kind === "organisation" ? key.toLowerCase() : key.toUpperCase();
  return { by: kind === "state" && normalised.length === 2 ? "alpha2" : "id", key: normalised };
}

/** partyKeyCondition with placeholders (kind, key) for the column `by`: partyKeyOf gives both values. */
const partyKeySql = (by: "id" | "alpha2") =>
  and(eq(parties.kind, sql.placeholder("kind")), eq(by === "id" ? parties.id : parties.alpha2, sql.placeholder("key")));

const partyWithEvents = { party: shownParty, event: getTableColumns(statusEvents), corrected: hasCorrections };

/** The party and its log, one row per event; placeholders kind and key (partyKeyOf). */
export const getPartyWithEventsQuery = (db: Db, by: "id" | "alpha2") =>
  db
    .select(partyWithEvents)
    .from(parties)
    .leftJoin(statusEvents, eq(statusEvents.partyId, parties.id))
    .where(partyKeySql(by));

type PartyWithEventsRow = Awaited<ReturnType<typeof getPartyWithEventsQuery>>[number];
// Positions, not names: the party's and the events' columns share names (id, kind...).
const toPartyWithEventsRow = rowMapper<PartyWithEventsRow>(partyWithEvents);

/** The party a key names (alpha-3, alpha-2 or slug, any case), without its log: one point search. */
export const findPartyQuery = (db: Db, kind: PartyKind, key: string) =>
  db.select(shownParty).from(parties).where(partyKeyCondition(kind, key));
export const findParty = (db: Db, kind: PartyKind, key: string) => findPartyQuery(db, kind, key).get();

/** One query: the party joined with its whole event log (a party has a handful of events). */
export async function getPartyWithEvents(db: Db, kind: PartyKind, key: string) {
  const named = partyKeyOf(kind, key);
  const statement = compiledStatement(db, `partyWithEvents,${named.by}`, () => getPartyWithEventsQuery(db, named.by), {
    kind,
    key: named.key,
  });
  const rows = (await statement.raw()).map(toPartyWithEventsRow);
  const party = rows[0]?.party;
  if (!party) return null;
  // Sorted here, not in SQL: a party has a handful of events, and the order is the period rule's.
  const events = rows.flatMap((r) => (r.event ? [r.event] : [])).sort(logOrder);
  return { party, events, corrected: rows[0]?.corrected === 1 };
}

/** A period as parties.periods holds it: the status, its bounds and its events (partyPeriods, src/db/read-models.ts). */
export type PeriodBoundsRow = Pick<
  StatusPeriodRow,
  | "status"
  | "fromDate"
  | "fromPrecision"
  | "fromWindowStart"
  | "fromWindowEnd"
  | "toDate"
  | "toPrecision"
  | "toWindowStart"
  | "toWindowEnd"
  | "startEventId"
  | "endEventId"
>;

/**
 * "Status on a day" in one point select: the party's names and its periods as the JSON the
 * triggers keep in parties.periods. A join with status_periods cost 15% of the read's throughput.
 * Placeholders: kind, and key (the id or the alpha-2 code, normalised).
 */
export function statusOnDayQuery(db: Db, by: "id" | "alpha2") {
  return db
    .select({
      id: parties.id,
      nameEn: parties.nameEn,
      nameRu: parties.nameRu,
      nameZh: parties.nameZh,
      periods: parties.periods,
      contested: parties.contested,
    })
    .from(parties)
    .where(
      and(
        eq(parties.kind, sql.placeholder("kind")),
        eq(by === "id" ? parties.id : parties.alpha2, sql.placeholder("key")),
      ),
    );
}

/**
 * statusOnDayQuery's SQL text, built by drizzle once per isolate: every request has a client of its
 * own (its D1 session), so a prepared query cached per client was rebuilt on every read.
 */
const statusSql: Partial<Record<"id" | "alpha2", string>> = {};

/** The row statusOnDayQuery selects, as D1 names its columns (the SQL is drizzle's, snake_case). */
interface StatusRow {
  id: string;
  name_en: string;
  name_ru: string;
  name_zh: string;
  periods: string;
  contested: string;
}

/** The hot path of "status on a day": the party and all its periods, from one row. */
export async function getPartyPeriods(db: Db, kind: PartyKind, key: string) {
  const { by, key: normalised } = partyKeyOf(kind, key);
  statusSql[by] ??= statusOnDayQuery(db, by).toSQL().sql;
  // Placeholders in the order the query names them: kind, then key.
  const row = await db.$client.prepare(statusSql[by]).bind(kind, normalised).first<StatusRow>();
  if (!row) return null;
  const party = { id: row.id, nameEn: row.name_en, nameRu: row.name_ru, nameZh: row.name_zh, contested: row.contested };
  // Written only by the triggers, from status_periods rows: its shape is PeriodBoundsRow's.
  return { party, periods: JSON.parse(row.periods) as PeriodBoundsRow[] };
}

/**
 * isReportedOn (src/domain/periods.ts) as SQL: begun for certain by `day`, not ended for certain.
 * `day` is a value or an SQL expression (e.g. an agreement's date of conclusion inside a guard).
 */
export const reportedOn = (day: string | SQLWrapper) =>
  and(lte(statusPeriods.fromWindowEnd, day), or(isNull(statusPeriods.toWindowEnd), gt(statusPeriods.toWindowEnd, day)));

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
/** Each listed field with the name D1 gives its column (drizzle's snake_case, src/db/client.ts). */
const PERIOD_COLUMNS = Object.keys(listedPeriod).map((k) => [k, toSnakeCase(k)] as const);
const PARTY_COLUMNS = Object.keys(listedParty).map((k) => [k, toSnakeCase(k)] as const);

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

/** listPeriodsOnStatement's rows as objects (what a D1 batch gives), as drizzle would map them ({ period, party }). */
export function toListedRows(rows: Record<string, unknown>[]): ListedRow[] {
  return rows.map((r) => {
    const period: Record<string, unknown> = {};
    const party: Record<string, unknown> = {};
    for (const [key, column] of PERIOD_COLUMNS) period[key] = r[column];
    for (const [key, column] of PARTY_COLUMNS) party[key] = r[column];
    return { period, party } as ListedRow;
  });
}

// By position: D1 builds no object per row for raw() (that cost a list a tenth of its time).
const toListedRow = rowMapper<ListedRow>({ period: listedPeriod, party: listedParty });

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

/** Resolves party references (alpha-3, alpha-2 or organisation slug, any case) to parties. */
export async function resolveParties(db: Db, refs: string[]) {
  return Promise.all(
    refs.map(async (ref) => {
      const [party] = await db
        .select({ id: parties.id, kind: parties.kind, name: parties.nameEn })
        .from(parties)
        .where(eq(parties.id, partyIdFor(ref)))
        .limit(1);
      return { ref, party };
    }),
  );
}

/** The member states on `day`, by the status registry (the periods derived from its events), all of them. */
export async function membersOn(db: Db, day: string): Promise<string[]> {
  const rows = await db
    .select({ id: statusPeriods.partyId })
    .from(statusPeriods)
    .where(and(eq(statusPeriods.partyKind, "state"), eq(statusPeriods.status, "member"), reportedOn(day)))
    .orderBy(asc(statusPeriods.partyId));
  return rows.map((r) => r.id);
}

/** The member states on `day` (a value or an SQL expression), as a subquery of party ids. */
/** The member states on `day` (a value or an SQL expression), as a subquery of party ids. */
export const membersOnSql = (day: string | SQLWrapper) =>
  sql`(SELECT ${statusPeriods.partyId} FROM ${statusPeriods} WHERE ${and(eq(statusPeriods.partyKind, "state"), eq(statusPeriods.status, "member"), reportedOn(day))})`;

/** The schemes a party can be looked up by (GET /v1/parties/by-id/{scheme}/{value}). */
export const PARTY_ID_SCHEMES = ["wikidata", "iso3166-alpha2", "iso3166-alpha3", "m49"] as const;
export type PartyIdScheme = (typeof PARTY_ID_SCHEMES)[number];

/** The party an identifier names, by its unique index (a state's alpha-3 code is its id). */
export function findPartyByIdentifierQuery(db: Db, scheme: PartyIdScheme, value: string) {
  const upper = value.toUpperCase();
  const condition = {
    wikidata: eq(parties.wikidata, upper),
    "iso3166-alpha2": and(eq(parties.kind, "state"), eq(parties.alpha2, upper)),
    "iso3166-alpha3": and(eq(parties.kind, "state"), eq(parties.id, upper)),
    m49: eq(parties.m49, value.padStart(3, "0")),
  }[scheme];
  return db
    .select({
      ...partyNameColumns,
      m49: parties.m49,
      wikidata: parties.wikidata,
      website: parties.website,
      identifierSources: parties.identifierSources,
    })
    .from(parties)
    .where(condition)
    .limit(1);
}

/** The party an identifier names, or undefined. */
export const findPartyByIdentifier = async (db: Db, scheme: PartyIdScheme, value: string) =>
  (await findPartyByIdentifierQuery(db, scheme, value))[0];
