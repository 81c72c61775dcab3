/** Queries over parties, their events and their derived periods. No Hono here. */
import { and, asc, eq, getTableColumns, gt, isNull, lte, or, type SQLWrapper, sql } from "drizzle-orm";
import { logOrder } from "../domain/periods";
import type { PartyKind } from "../domain/statuses";
import type { Db } from "./client";
import { compiledStatement, rowMapper } from "./compiled";
import { parties, statusEvents, statusEventVersions, statusPeriods } from "./schema";

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
  const named = partyKeyOf(kind, key);
  return and(eq(parties.kind, kind), eq(named.by === "id" ? parties.id : parties.alpha2, named.key));
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
    .where(partyKeySql(by));
}

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
  const named = partyKeyOf(kind, key);
  // Compiled once per isolate (src/db/compiled.ts): a drizzle prepared query is per client, and
  // every request has a client of its own.
  const statement = compiledStatement(db, `statusOnDay,${named.by}`, () => statusOnDayQuery(db, named.by), {
    kind,
    key: named.key,
  });
  const row = await statement.first<StatusRow>();
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
