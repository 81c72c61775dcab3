/** Reads of the evidence tables: guest attendances and the SCO's own statuses. No Hono here. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { attendances, parties, scoStatuses } from "./schema";

export type AttendanceRow = typeof attendances.$inferSelect;
export type ScoStatusRow = typeof scoStatuses.$inferSelect;

/** A party's attendances at meetings, oldest first (a handful per party; bounded all the same). */
export const attendancesOf = (db: Db, partyId: string) =>
  db
    .select()
    .from(attendances)
    .where(eq(attendances.partyId, partyId))
    .orderBy(asc(attendances.windowStart), asc(attendances.id))
    .limit(500);

/** Every attendance with its party, for the timeline page. */
export const allAttendances = (db: Db) =>
  db
    .select({ attendance: attendances, party: parties })
    .from(attendances)
    .innerJoin(parties, eq(parties.id, attendances.partyId))
    .orderBy(asc(attendances.windowStart), asc(attendances.id))
    .limit(500);

/** The SCO's statuses in other organisations, oldest first. */
export const listScoStatuses = (db: Db) =>
  db.select().from(scoStatuses).orderBy(asc(scoStatuses.windowStart), asc(scoStatuses.id)).limit(500);
