/**
 * The dataset exports' reads: one keyset page at a time, in primary-key order, so each page is one
 * index range and the stream never holds more than a page. No Hono here.
 */
import { asc, desc, eq, gt, type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import {
  agreementCounterparties,
  agreements,
  changes,
  consents,
  parties,
  secretariatTerms,
  statusEvents,
  statusPeriods,
} from "../../db/schema";

/** Rows per D1 query: small enough to keep one page in memory, large enough to keep the queries few. */
export const EXPORT_PAGE_SIZE = 100;

/**
 * Which record an export reads. Only the current record exists today; the seam for issue 11's
 * `asRecordedOn` (the registry as it was recorded at a past moment): when bitemporal versions land,
 * each query below filters on it, and the export routes accept it. Until then it must be undefined.
 */
export interface RecordAsOf {
  asRecordedOn?: string;
}

function currentRecordOnly(record: RecordAsOf) {
  if (record.asRecordedOn !== undefined) throw new Error("asRecordedOn is not implemented for the exports yet");
}

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

export function periodsPage(db: Db, record: RecordAsOf, after: [string, number] | undefined, limit: number) {
  currentRecordOnly(record);
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

export function eventsPage(db: Db, record: RecordAsOf, after: number | undefined, limit: number) {
  currentRecordOnly(record);
  return db
    .select({ event: statusEvents, partyKind: parties.kind })
    .from(statusEvents)
    .innerJoin(parties, eq(parties.id, statusEvents.partyId))
    .where(after === undefined ? undefined : gt(statusEvents.id, after))
    .orderBy(asc(statusEvents.id))
    .limit(limit);
}

/** An agreement's counterparties as one text field, in id order (a correlated subquery on their primary key). */
const counterpartiesSql = sql<
  string | null
>`(SELECT group_concat(party_id, ' | ') FROM (SELECT ${agreementCounterparties.partyId} AS party_id FROM ${agreementCounterparties} WHERE ${agreementCounterparties.agreementId} = ${agreements.id} ORDER BY 1))`;

export function agreementsPage(db: Db, record: RecordAsOf, after: string | undefined, limit: number) {
  currentRecordOnly(record);
  return db
    .select({ agreement: agreements, counterparties: counterpartiesSql })
    .from(agreements)
    .where(after === undefined ? undefined : gt(agreements.id, after))
    .orderBy(asc(agreements.id))
    .limit(limit);
}

export function consentsPage(db: Db, record: RecordAsOf, after: [string, string] | undefined, limit: number) {
  currentRecordOnly(record);
  return db
    .select()
    .from(consents)
    .where(after ? after2(consents.agreementId, consents.stateId, after) : undefined)
    .orderBy(asc(consents.agreementId), asc(consents.stateId))
    .limit(limit);
}

export function partiesPage(db: Db, record: RecordAsOf, after: string | undefined, limit: number) {
  currentRecordOnly(record);
  return db
    .select({
      id: parties.id,
      kind: parties.kind,
      alpha2: parties.alpha2,
      nameEn: parties.nameEn,
      nameRu: parties.nameRu,
      nameZh: parties.nameZh,
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

export function termsPage(db: Db, record: RecordAsOf, after: string | undefined, limit: number) {
  currentRecordOnly(record);
  return db
    .select()
    .from(secretariatTerms)
    .where(after === undefined ? undefined : gt(secretariatTerms.id, after))
    .orderBy(asc(secretariatTerms.id))
    .limit(limit);
}

/** The Secretariat's office holders, one row per person (a second term is the same person). */
export function personsPage(db: Db, record: RecordAsOf, after: string | undefined, limit: number) {
  currentRecordOnly(record);
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
