/**
 * The record over time (bitemporal): the version tables status_event_versions and
 * agreement_versions (src/db/schema.ts) next to the current record (status_events, agreements).
 *
 * Design: the current tables stay the record every fast read, parties.periods and status_counts
 * are derived from; the version tables are append-mostly history. A write of the current record
 * adds, in the same batch, statements that close the open version (recorded_until = T) and copy the
 * row as it now is into a new open version (recorded_from = T); for agreements the insert is the only
 * statement, a trigger closing the open version. The copy is made by SQL from the
 * row itself, with every column the table declares (`rowJson`), so a column added later is
 * versioned without touching this file. T is the request's time, but never earlier than 1 ms after
 * the version it closes, so versions of one fact never overlap even if clocks disagree.
 */
import { and, asc, eq, getTableColumns, gt, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { agreements, agreementVersions, parties, statusEvents, statusEventVersions } from "./schema";

/** The row of `table` as one JSON object keyed by the schema's property names (camelCase). */
export function rowJson(table: SQLiteTable): SQL {
  const columns = Object.entries(getTableColumns(table));
  return sql`json_object(${sql.join(
    columns.map(([key, column]) => sql`${key}, ${column}`),
    sql`, `,
  )})`;
}

/** A `record` read back as the table's row type (drizzle's own decoding of each column, e.g. booleans). */
export const decodeRecord = <T extends SQLiteTable>(table: T, record: string): T["$inferSelect"] =>
  decodeRow(table, JSON.parse(record) as Record<string, unknown>);

/** A row built by `rowJson`, parsed, as the table's row type. */
export function decodeRow<T extends SQLiteTable>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const columns = getTableColumns(table);
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = raw[key] ?? null;
    out[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return out as T["$inferSelect"];
}

export interface VersionMeta {
  /** the request's time, ISO 8601 UTC with milliseconds */
  now: string;
  reason: string | null;
  actorKeyId: string | null;
  actorName: string | null;
  /** structured sources (src/domain/evidence.ts), stored as JSON */
  sources: unknown[];
}

/** nextRecordedAt (src/domain/recorded.ts) in SQL: `now`, but at least 1 ms after `previousFrom` (an SQL expression). */
export const nextRecordedAtSql = (previousFrom: unknown, now: string | SQL) =>
  sql`max(${now}, strftime('%Y-%m-%dT%H:%M:%fZ', ${previousFrom}, '+0.001 seconds'))`;

/** The newest recorded time among the status event versions (a closed version's end is its successor's start). */
const latestEventRecordedSql = sql`(SELECT max(${statusEventVersions.recordedFrom}) FROM ${statusEventVersions})`;

/** The newest recorded time of any status event version, or null before any: one seek on status_event_versions_recorded_idx. */
export async function latestEventRecorded(db: Db): Promise<string | null> {
  const row = await db.get<{ at: string | null }>(sql`SELECT ${latestEventRecordedSql} AS at`);
  return row?.at ?? null;
}

/** A write's guard: every status event version so far was recorded before `at` (recorded times only increase). */
export const eventsRecordedBefore = (at: string) => sql`coalesce(${latestEventRecordedSql}, '') < ${at}`;

// Status events.

const openEventVersion = (eventId: number) =>
  and(eq(statusEventVersions.eventId, eventId), isNull(statusEventVersions.recordedUntil));

/** The event's open version, as an SQL condition for a guard: it is still `version`. */
export const eventVersionIs = (eventId: number, version: number) =>
  sql`EXISTS (SELECT 1 FROM ${statusEventVersions} WHERE ${openEventVersion(eventId)} AND ${statusEventVersions.version} = ${version})`;

/** Every version of the party recorded so far: every write of its log adds exactly one. */
export const partyVersionCountIs = (partyId: string, count: number) =>
  sql`(SELECT count(*) FROM ${statusEventVersions} WHERE ${statusEventVersions.partyId} = ${partyId}) = ${count}`;

/**
 * Statements that record the event's row as it now stands in status_events as its next version
 * (the first when `version` is 1), closing the open one. Run after the statement that wrote the
 * row, before any that deletes it.
 */
export function recordEventVersion(
  db: Db,
  eventId: number,
  version: number,
  action: "recorded" | "correction" | "retraction",
  meta: VersionMeta,
) {
  const close = db
    .update(statusEventVersions)
    .set({ recordedUntil: nextRecordedAtSql(statusEventVersions.recordedFrom, meta.now) })
    .where(openEventVersion(eventId));
  // A first version is recorded `now`, but at least 1 ms after every version recorded so far,
  // evaluated inside the batch (batches run one after another), so concurrent writes of different
  // parties all land and recorded times still only increase (the exports' citations rest on it).
  const from =
    version === 1
      ? sql`max(${meta.now}, coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', ${latestEventRecordedSql}, '+0.001 seconds'), ${meta.now}))`
      : sql`(SELECT ${statusEventVersions.recordedUntil} FROM ${statusEventVersions} WHERE ${statusEventVersions.eventId} = ${eventId} AND ${statusEventVersions.version} = ${version - 1})`;
  const insert = db.insert(statusEventVersions).select(
    db
      .select({
        eventId: statusEvents.id,
        version: sql`${version}`.as("version"),
        partyId: statusEvents.partyId,
        recordedFrom: sql`${from}`.as("recorded_from"),
        recordedUntil: sql`NULL`.as("recorded_until"),
        action: sql`${action}`.as("action"),
        record: sql`${rowJson(statusEvents)}`.as("record"),
        retracted: sql`${action === "retraction" ? 1 : 0}`.as("retracted"),
        reason: sql`${meta.reason}`.as("reason"),
        actorKeyId: sql`${meta.actorKeyId}`.as("actor_key_id"),
        actorName: sql`${meta.actorName}`.as("actor_name"),
        sources: sql`${JSON.stringify(meta.sources)}`.as("sources"),
      })
      .from(statusEvents)
      .where(eq(statusEvents.id, eventId)),
  );
  return version === 1 ? [insert] : [close, insert];
}

/** Every version of the event, oldest first. */
export const versionsOfEvent = (db: Db, eventId: number) =>
  db
    .select()
    .from(statusEventVersions)
    .where(eq(statusEventVersions.eventId, eventId))
    .orderBy(asc(statusEventVersions.version));

/**
 * Every version of the party's events recorded by `at` (or all, without it): one range of
 * status_event_versions_party_recorded_idx. Which of them were the record at `at` is
 * recordedAt (src/domain/recorded.ts).
 */
export const versionsOfParty = (db: Db, partyId: string, at?: string) =>
  db
    .select()
    .from(statusEventVersions)
    .where(and(eq(statusEventVersions.partyId, partyId), at ? lte(statusEventVersions.recordedFrom, at) : undefined))
    // In the index's order (recorded time): no sort; callers order by what they need.
    .orderBy(asc(statusEventVersions.recordedFrom));

/**
 * The versions that were the record at `at`, of every party (the roster as recorded): the versions
 * recorded by `at` and not closed by then, through status_event_versions_recorded_idx.
 */
export const versionsOpenAt = (db: Db, at: string) =>
  db
    .select()
    .from(statusEventVersions)
    .where(
      and(
        lte(statusEventVersions.recordedFrom, at),
        or(isNull(statusEventVersions.recordedUntil), gt(statusEventVersions.recordedUntil, at)),
      ),
    );

/** When the record of status events begins: the data migration's time (one seek on the index). */
export async function eventRecordBegins(db: Db): Promise<string | null> {
  const row = await db
    .select({ from: statusEventVersions.recordedFrom })
    .from(statusEventVersions)
    .orderBy(asc(statusEventVersions.recordedFrom))
    .limit(1)
    .get();
  return row?.from ?? null;
}

/** Every party (the registry has about 40), for the lists as recorded. */
export const allParties = (db: Db) => db.select().from(parties);

// Agreements.

/**
 * Records the agreement's row as it now stands as the version its `version` column names: ONE
 * statement, the open version being closed at the new one's start by the trigger
 * agreement_versions_close_open (src/db/read-models.ts). Run after the statement that bumped the
 * version: were it not bumped, that version is on record already and the insert fails on
 * agreement_versions' primary key.
 */
export function recordAgreementVersion(
  db: Db,
  agreementId: string,
  action: "recorded" | "change" | "correction",
  meta: VersionMeta,
) {
  // `now`, but at least 1 ms after every agreement version recorded so far (see the top): evaluated in
  // the batch, so also after the open version the trigger closes at this time.
  // (max over no rows is NULL, and SQLite's max(a, NULL) is NULL: hence the coalesce.)
  const now = sql`max(${meta.now}, coalesce(strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT max(${agreementVersions.recordedFrom}) FROM ${agreementVersions}), '+0.001 seconds'), ${meta.now}))`;
  return db.insert(agreementVersions).select(
    db
      .select({
        agreementId: agreements.id,
        version: agreements.version,
        recordedFrom: sql`${now}`.as("recorded_from"),
        recordedUntil: sql`NULL`.as("recorded_until"),
        action: sql`${action}`.as("action"),
        record: sql`${rowJson(agreements)}`.as("record"),
        reason: sql`${meta.reason}`.as("reason"),
        actorKeyId: sql`${meta.actorKeyId}`.as("actor_key_id"),
        actorName: sql`${meta.actorName}`.as("actor_name"),
        sources: sql`${JSON.stringify(meta.sources)}`.as("sources"),
      })
      .from(agreements)
      .where(eq(agreements.id, agreementId)),
  );
}

/** Every version of the agreement recorded by `at`, oldest first (one range of agreement_versions_recorded_idx). */
export const versionsOfAgreement = (db: Db, agreementId: string, at?: string) =>
  db
    .select()
    .from(agreementVersions)
    .where(
      and(eq(agreementVersions.agreementId, agreementId), at ? lte(agreementVersions.recordedFrom, at) : undefined),
    )
    // Versions follow each other in recorded time, so the index's order is the versions' order.
    .orderBy(asc(agreementVersions.recordedFrom));
