/** The two reads behind the timeline page. No Hono here. */
import { asc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { parties, statusPeriods } from "../../db/schema";

/**
 * The real registry holds ~40 parties and ~60 periods; the page draws every one of them, so the
 * reads are capped well above that (500 rows each) to stay bounded if the data ever grows wildly.
 */
export const TIMELINE_ROW_CAP = 500;

export function listTimelineParties(db: Db) {
  return db.select().from(parties).orderBy(asc(parties.kind), asc(parties.id)).limit(TIMELINE_ROW_CAP);
}

export function listTimelinePeriods(db: Db) {
  return db
    .select()
    .from(statusPeriods)
    .orderBy(asc(statusPeriods.partyId), asc(statusPeriods.fromWindowStart), asc(statusPeriods.startEventId))
    .limit(TIMELINE_ROW_CAP);
}
