import { and, asc, eq, gt, gte, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { parties, statusEvents } from "../../db/schema";

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
        f.party ? eq(statusEvents.partyId, f.party) : undefined,
        f.status ? eq(statusEvents.status, f.status) : undefined,
        f.kind ? eq(statusEvents.kind, f.kind) : undefined,
        f.from ? gte(statusEvents.windowStart, f.from) : undefined,
        f.to ? lte(statusEvents.windowStart, f.to) : undefined,
        f.after
          ? or(gt(statusEvents.windowStart, f.after.windowStart), and(eq(statusEvents.windowStart, f.after.windowStart), gt(statusEvents.id, f.after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(statusEvents.windowStart), asc(statusEvents.id))
    .limit(f.limit + 1);
}
