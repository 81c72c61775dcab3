import { and, asc, eq, gt, gte, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { partyIdFor } from "../../db/parties";
import { agreements, idSequences, parties, statusEvents, statusEventVersions, statusPeriods } from "../../db/schema";

export interface EventFilter {
  party?: string;
  status?: string;
  kind?: string;
  from?: string;
  to?: string;
  after?: { windowStart: string; id: number };
  limit: number;
}

/** The event log in date order (window start, then recording order), one page at a time. */
export function listEvents(db: Db, f: EventFilter) {
  return db
    .select({ event: statusEvents, partyKind: parties.kind })
    .from(statusEvents)
    .innerJoin(parties, eq(parties.id, statusEvents.partyId))
    .where(
      and(
        f.party ? eq(statusEvents.partyId, partyIdFor(f.party)) : undefined,
        f.status ? eq(statusEvents.status, f.status) : undefined,
        f.kind ? eq(statusEvents.kind, f.kind) : undefined,
        f.from ? gte(statusEvents.windowStart, f.from) : undefined,
        f.to ? lte(statusEvents.windowStart, f.to) : undefined,
        f.after
          ? or(
              gt(statusEvents.windowStart, f.after.windowStart),
              and(eq(statusEvents.windowStart, f.after.windowStart), gt(statusEvents.id, f.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(statusEvents.windowStart), asc(statusEvents.id))
    .limit(f.limit + 1);
}

/** The next status-event id, from its sequence: one atomic statement, never contended across parties. */
export async function allocateEventId(db: Db): Promise<number> {
  const row = await db
    .update(idSequences)
    .set({ last: sql`${idSequences.last} + 1` })
    .where(eq(idSequences.name, "status_events"))
    .returning({ id: idSequences.last })
    .get();
  if (!row) throw new Error("the status_events id sequence is missing (migration 0008)");
  return row.id;
}

/** True while the party's log is exactly the one the write read: as many events, none newer. */
export const logIs = (partyId: string, count: number, lastId: number) =>
  sql`((SELECT count(*) FROM ${statusEvents} WHERE ${statusEvents.partyId} = ${partyId}) = ${count} AND NOT EXISTS (SELECT 1 FROM ${statusEvents} WHERE ${statusEvents.partyId} = ${partyId} AND ${statusEvents.id} > ${lastId}))`;

/** isBeforeEvent (src/domain/event-log.ts) for every event of the party: none starts after `windowStart`. */
export const noEventStartsAfter = (partyId: string, windowStart: string) =>
  sql`NOT EXISTS (SELECT 1 FROM ${statusEvents} WHERE ${statusEvents.partyId} = ${partyId} AND ${statusEvents.windowStart} > ${windowStart})`;

export const insertEvent = (db: Db, row: typeof statusEvents.$inferInsert) => db.insert(statusEvents).values(row);
export const deletePeriods = (db: Db, partyId: string) =>
  db.delete(statusPeriods).where(eq(statusPeriods.partyId, partyId));

export const insertPeriods = (db: Db, rows: (typeof statusPeriods.$inferInsert)[]) =>
  rows.map((row) => db.insert(statusPeriods).values(row));

/** The party's contested spans (contestedSpans, src/domain/contested.ts), rewritten with its log. */
export const setContested = (db: Db, partyId: string, spans: unknown[]) =>
  db
    .update(parties)
    .set({ contested: JSON.stringify(spans) })
    .where(eq(parties.id, partyId));

/** Whether the registry holds the agreement an event names as its basis. */
export async function agreementExists(db: Db, id: string) {
  return (await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, id)).get()) !== undefined;
}

/** The agreement named as the basis still exists when the batch runs (agreements are never deleted today). */
export const agreementHeld = (id: string) => sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${id})`;

/** The event's party, from its versions (so a retracted event is found too). */
export const findEvent = async (db: Db, id: number) =>
  db
    .select({ partyId: statusEventVersions.partyId, partyKind: parties.kind })
    .from(statusEventVersions)
    .innerJoin(parties, eq(parties.id, statusEventVersions.partyId))
    .where(eq(statusEventVersions.eventId, id))
    .limit(1)
    .get();

export const updateEvent = (db: Db, id: number, set: Partial<typeof statusEvents.$inferInsert>) =>
  db.update(statusEvents).set(set).where(eq(statusEvents.id, id));
export const deleteEvent = (db: Db, id: number) => db.delete(statusEvents).where(eq(statusEvents.id, id));

/** How many versions of the party's events are recorded (every write of its log adds one). */
export const countPartyVersions = async (db: Db, partyId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(statusEventVersions)
      .where(eq(statusEventVersions.partyId, partyId))
      .get()
  )?.n ?? 0;
