/**
 * The dataset exports' reads: one keyset page at a time, in primary-key order, so each page is one
 * index range and the stream never holds more than a page. No Hono here.
 */
import { and, asc, desc, eq, gt, isNull, lte, not, or, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { partyNameColumns, type StatusEventRow } from "../../db/parties";
import { periodRows } from "../../db/period-rows";
import {
  agreementCounterparties,
  agreements,
  agreementVersions,
  changes,
  consents,
  parties,
  secretariatTerms,
  statusEvents,
  statusEventVersions,
  statusPeriods,
} from "../../db/schema";
import { decodeRecord, latestEventRecorded, versionsOfParty } from "../../db/versions";
import { eventsAt, recordOf } from "../../lib/as-recorded";
import { toEventInput } from "../../lib/party-mappers";
import { keysetPages } from "../../lib/stream-pages";

/** Rows per D1 query: small enough to keep one page in memory, large enough to keep the queries few. */
export const EXPORT_PAGE_SIZE = 100;

/**
 * Which record an export reads: the current one, or with `asRecordedOn` (an instant, ISO 8601 UTC
 * with ms, already validated) the record as it stood then, rebuilt from the version tables
 * (src/db/versions.ts) by the same rules as the other reads as recorded (src/lib/as-recorded.ts).
 */
export interface RecordAsOf {
  asRecordedOn?: string;
}

/**
 * The latest recorded time of a versioned file's facts: the newest version's recordedFrom (a
 * closed version's recordedUntil is its successor's recordedFrom, so no later time exists). For
 * status events one seek on status_event_versions_recorded_idx; agreement_versions has no index led
 * by recorded time, so its covering index is read whole (one entry per version, a few hundred).
 */
export async function latestRecordedTime(db: Db, facts: "events" | "agreements"): Promise<string | null> {
  if (facts === "events") return latestEventRecorded(db);
  const row = await db
    .select({ at: sql<string | null>`max(${agreementVersions.recordedFrom})` })
    .from(agreementVersions)
    .get();
  return row?.at ?? null;
}

/** A version table's rows that were the record at `at`: recordedFrom <= at < recordedUntil (isRecordedAt). */
const openAt = (t: typeof statusEventVersions | typeof agreementVersions, at: string) =>
  and(lte(t.recordedFrom, at), or(isNull(t.recordedUntil), gt(t.recordedUntil, at)));

/** The dataset's version: the change feed's last position and its time (0 and null before any change). */
export async function datasetVersion(db: Db) {
  const last = await db
    .select({ id: changes.id, at: changes.at })
    .from(changes)
    .orderBy(desc(changes.id))
    .limit(1)
    .get();
  return { seq: last?.id ?? 0, at: last?.at ?? null };
}

const endEvent = alias(statusEvents, "end_event");

/**
 * After a two-column key, as a row value: SQLite seeks the primary key to it, where the equivalent
 * `a > x OR (a = x AND b > y)` walks the index from its start.
 */
const after2 = (a: SQLWrapper, b: SQLWrapper, key: readonly [string | number, string | number]) =>
  sql`(${a}, ${b}) > (${key[0]}, ${key[1]})`;

export function periodsPage(db: Db, after: [string, number] | undefined, limit: number) {
  return db
    .select({
      period: statusPeriods,
      name: parties.nameEn,
      wikidata: parties.wikidata,
      startSources: statusEvents.sources,
      endSources: endEvent.sources,
    })
    .from(statusPeriods)
    .innerJoin(parties, eq(parties.id, statusPeriods.partyId))
    .innerJoin(statusEvents, eq(statusEvents.id, statusPeriods.startEventId))
    .leftJoin(endEvent, eq(endEvent.id, statusPeriods.endEventId))
    .where(after ? after2(statusPeriods.partyId, statusPeriods.startEventId, after) : undefined)
    .orderBy(asc(statusPeriods.partyId), asc(statusPeriods.startEventId))
    .limit(limit);
}

/** The current log, in event id order. */
export function eventsPage(db: Db, after: number | undefined, limit: number) {
  return db
    .select({ event: statusEvents, partyKind: parties.kind })
    .from(statusEvents)
    .innerJoin(parties, eq(parties.id, statusEvents.partyId))
    .where(after === undefined ? undefined : gt(statusEvents.id, after))
    .orderBy(asc(statusEvents.id))
    .limit(limit);
}

/**
 * The log as recorded at `at`, in event id order as the current file: the primary key (event_id,
 * version) walked from `after`, each event's few versions filtered by recorded time; a retracted
 * version open at `at` means the event was not in the record then.
 */
export function eventVersionsPage(db: Db, at: string, after: number | undefined, limit: number) {
  return db
    .select({ version: statusEventVersions, partyKind: parties.kind })
    .from(statusEventVersions)
    .innerJoin(parties, eq(parties.id, statusEventVersions.partyId))
    .where(
      and(
        openAt(statusEventVersions, at),
        not(statusEventVersions.retracted),
        after === undefined ? undefined : gt(statusEventVersions.eventId, after),
      ),
    )
    .orderBy(asc(statusEventVersions.eventId))
    .limit(limit);
}

/** One page of the events file: current, or as recorded (each version's record decoded as the row it was). */
export async function eventsOf(
  db: Db,
  record: RecordAsOf,
  after: number | undefined,
  limit: number,
): Promise<{ event: StatusEventRow; partyKind: string }[]> {
  if (record.asRecordedOn === undefined) return eventsPage(db, after, limit);
  const rows = await eventVersionsPage(db, record.asRecordedOn, after, limit);
  return rows.map((r) => ({ event: recordOf(r.version), partyKind: r.partyKind }));
}

/**
 * An agreement's counterparties as one text field, in id order (a correlated subquery on their
 * primary key). The outer table's id is written qualified: drizzle writes a column in an sql
 * template unqualified, which inside the subquery would name agreement_counterparties' own column.
 */
const counterpartiesOf = (table: "agreements" | "agreement_versions", idColumn: "id" | "agreement_id") =>
  sql<
    string | null
  >`(SELECT group_concat(party_id, ' | ') FROM (SELECT ${agreementCounterparties.partyId} AS party_id FROM ${agreementCounterparties} WHERE ${agreementCounterparties.agreementId} = ${sql.identifier(table)}.${sql.identifier(idColumn)} ORDER BY 1))`;

export function agreementsPage(db: Db, after: string | undefined, limit: number) {
  return db
    .select({ agreement: agreements, counterparties: counterpartiesOf("agreements", "id") })
    .from(agreements)
    .where(after === undefined ? undefined : gt(agreements.id, after))
    .orderBy(asc(agreements.id))
    .limit(limit);
}

/**
 * The version of each agreement open at `at`, in id order: one range of agreement_versions_recorded_idx
 * (agreement_id, recorded_from, recorded_until) per agreement. The counterparties are today's (not
 * versioned; set when the agreement is drafted), as GET /v1/agreements/{id}?asRecordedOn answers.
 */
export function agreementVersionsPage(db: Db, at: string, after: string | undefined, limit: number) {
  return db
    .select({ version: agreementVersions, counterparties: counterpartiesOf("agreement_versions", "agreement_id") })
    .from(agreementVersions)
    .where(
      and(openAt(agreementVersions, at), after === undefined ? undefined : gt(agreementVersions.agreementId, after)),
    )
    .orderBy(asc(agreementVersions.agreementId))
    .limit(limit);
}

/** One page of the agreements file: current, or as recorded. */
export async function agreementsOf(
  db: Db,
  record: RecordAsOf,
  after: string | undefined,
  limit: number,
): Promise<{ agreement: typeof agreements.$inferSelect; counterparties: string | null }[]> {
  if (record.asRecordedOn === undefined) return agreementsPage(db, after, limit);
  const rows = await agreementVersionsPage(db, record.asRecordedOn, after, limit);
  return rows.map((r) => ({ agreement: decodeRecord(agreements, r.version.record), counterparties: r.counterparties }));
}

/** Consents are not versioned (upserted and deleted in place): the current record only. */
export function consentsPage(db: Db, after: [string, string] | undefined, limit: number) {
  return db
    .select()
    .from(consents)
    .where(after ? after2(consents.agreementId, consents.stateId, after) : undefined)
    .orderBy(asc(consents.agreementId), asc(consents.stateId))
    .limit(limit);
}

export function partiesPage(db: Db, after: string | undefined, limit: number) {
  return db
    .select({
      ...partyNameColumns,
      fullNameEn: parties.fullNameEn,
      m49: parties.m49,
      wikidata: parties.wikidata,
      website: parties.website,
      identifierSources: parties.identifierSources,
    })
    .from(parties)
    .where(after === undefined ? undefined : gt(parties.id, after))
    .orderBy(asc(parties.id))
    .limit(limit);
}

export function termsPage(db: Db, after: string | undefined, limit: number) {
  return db
    .select()
    .from(secretariatTerms)
    .where(after === undefined ? undefined : gt(secretariatTerms.id, after))
    .orderBy(asc(secretariatTerms.id))
    .limit(limit);
}

/** The Secretariat's office holders, one row per person (a second term is the same person). */
export function personsPage(db: Db, after: string | undefined, limit: number) {
  return db
    .select({
      personId: secretariatTerms.personId,
      nameEn: sql<string>`min(${secretariatTerms.nameEn})`,
      nameRu: sql<string | null>`min(${secretariatTerms.nameRu})`,
      nameZh: sql<string | null>`min(${secretariatTerms.nameZh})`,
    })
    .from(secretariatTerms)
    .where(after === undefined ? undefined : gt(secretariatTerms.personId, after))
    .groupBy(secretariatTerms.personId)
    .orderBy(asc(secretariatTerms.personId))
    .limit(limit);
}

type PeriodRow = Awaited<ReturnType<typeof periodsPage>>[number];

/**
 * Every party's status periods as recorded at `at`, in the current file's order (party, start
 * event): parties read in keyset pages, then one party's log at a time (its versions recorded by
 * `at`, one range of status_event_versions_party_recorded_idx), derived by the period rule exactly
 * as the history read as recorded derives it (eventsAt, periodRows). Holds one party's log at a time.
 */
export async function* periodsAsRecorded(db: Db, at: string): AsyncGenerator<PeriodRow[]> {
  const partyPages = keysetPages(
    (after: string | undefined, n) =>
      db
        .select({ id: parties.id, kind: parties.kind, name: parties.nameEn, wikidata: parties.wikidata })
        .from(parties)
        .where(after === undefined ? undefined : gt(parties.id, after))
        .orderBy(asc(parties.id))
        .limit(n),
    (p) => p.id,
    EXPORT_PAGE_SIZE,
  );
  for await (const page of partyPages)
    for (const party of page) {
      const events = eventsAt(await versionsOfParty(db, party.id, at), at);
      if (events.length === 0) continue;
      const sourcesOf = new Map(events.map((e) => [e.id, e.sources]));
      // Every period starts (and ends) at an event of the log it was derived from.
      const sources = (id: number) => {
        const found = sourcesOf.get(id);
        if (found === undefined) throw new Error(`period event ${id} is not in ${party.id}'s log`);
        return found;
      };
      const periods = periodRows(party.id, party.kind, events.map(toEventInput));
      // a log of procedures only (status `none`) derives no period
      if (periods.length === 0) continue;
      yield periods
        .sort((a, b) => a.startEventId - b.startEventId)
        .map((period) => ({
          period,
          name: party.name,
          wikidata: party.wikidata,
          startSources: sources(period.startEventId),
          endSources: period.endEventId === null ? null : sources(period.endEventId),
        }));
    }
}
