/**
 * Answers "as recorded on T": a party's event log rebuilt from status_event_versions as it stood at
 * T, then the same domain functions as the current record (src/domain/periods.ts), so an answer as
 * recorded at T is exactly what the registry answered at T. Also the corrections of a party's log.
 */
import type { Db } from "../db/client";
import type { PartyRow, StatusEventRow } from "../db/parties";
import { periodRows } from "../db/period-rows";
import { statusEvents, type statusEventVersions } from "../db/schema";
import { allParties, decodeRecord, eventRecordBegins, versionsOfParty, versionsOpenAt } from "../db/versions";
import { logOrder } from "../domain/periods";
import { isRecordedAt, latestRecorded, type RecordedSpan } from "../domain/recorded";
import { toEventInput, toWireEvent } from "./party-mappers";
import { ApiError } from "./problem";

type VersionRow = typeof statusEventVersions.$inferSelect;

export const recordOf = (row: VersionRow) => decodeRecord(statusEvents, row.record) as StatusEventRow;

/** The answer's `record`: the moment asked and the last change recorded by then among `versions`. */
export const recordField = (versions: readonly RecordedSpan[], at: string) => ({
  asRecordedOn: at,
  latestRecordedAt: latestRecorded(versions, at),
});

/** 400 when T is before the registry's record begins (the data migration): it held nothing then. */
export async function refuseBeforeRecord(db: Db, at: string) {
  const begins = await eventRecordBegins(db);
  if (begins === null || at < begins)
    throw new ApiError(400, {
      code: "before-the-record",
      detail: `asRecordedOn ${at} is before the registry's record begins (${begins ?? "nothing recorded yet"}): it held no answer then`,
      extra: {
        recordBegins: begins,
        errors: [{ path: "asRecordedOn", message: "before the record begins", code: "custom" }],
      },
    });
}

/** The events that were the record at `at`, in log order, from a party's versions (retracted ones left out). */
export function eventsAt(versions: readonly VersionRow[], at: string): StatusEventRow[] {
  return versions
    .filter((v) => isRecordedAt(v, at) && !v.retracted)
    .map(recordOf)
    .sort(logOrder);
}

/** A party's event log as recorded at `at` (every version of it recorded by then, one index range). */
export async function partyLogAt(db: Db, partyId: string, at: string) {
  const versions = await versionsOfParty(db, partyId, at);
  // A version recorded by `at` means the record had begun; only without one is it worth asking.
  if (versions.length === 0) await refuseBeforeRecord(db, at);
  return { events: eventsAt(versions, at), record: recordField(versions, at), versions };
}

/** The corrections and retractions among a party's versions (recorded by `at`, if given), in the order recorded. */
export function correctionsOf(versions: readonly VersionRow[], partyKind: string, at?: string) {
  const byKey = new Map(versions.map((v) => [`${v.eventId}/${v.version}`, v]));
  return versions
    .filter((v) => v.version > 1 && (at === undefined || v.recordedFrom <= at))
    .sort((a, b) => (a.recordedFrom < b.recordedFrom ? -1 : a.recordedFrom > b.recordedFrom ? 1 : 0))
    .flatMap((v) => {
      const previous = byKey.get(`${v.eventId}/${v.version - 1}`);
      if (!previous) return [];
      return [
        {
          eventId: v.eventId,
          version: v.version,
          action: v.action as "correction" | "retraction",
          recordedAt: v.recordedFrom,
          recordedBy: v.actorName,
          reason: v.reason ?? "",
          sources: JSON.parse(v.sources) as string[],
          before: toWireEvent(recordOf(previous), partyKind),
          after: v.retracted ? null : toWireEvent(recordOf(v), partyKind),
        },
      ];
    });
}

/**
 * Every party's periods as recorded at `at` (the roster and the lists as recorded): every version
 * open at `at`, grouped by party, each log derived by the period rule. Reads the whole record of
 * that moment (the registry's size, about 40 parties), through status_event_versions_recorded_idx.
 */
export async function allPeriodsAt(db: Db, at: string) {
  const [versions, partyRows] = await Promise.all([versionsOpenAt(db, at), allParties(db)]);
  if (versions.length === 0) await refuseBeforeRecord(db, at);
  const byParty = new Map<string, StatusEventRow[]>();
  for (const v of versions) {
    if (v.retracted) continue;
    const list = byParty.get(v.partyId) ?? [];
    list.push(recordOf(v));
    byParty.set(v.partyId, list);
  }
  const partyMap = new Map(partyRows.map((p) => [p.id, p]));
  const rows: { party: PartyRow; period: ReturnType<typeof periodRows>[number] }[] = [];
  for (const [partyId, events] of byParty) {
    const party = partyMap.get(partyId);
    if (!party) continue;
    for (const period of periodRows(party.id, party.kind, events.sort(logOrder).map(toEventInput)))
      rows.push({ party, period });
  }
  return { rows, record: recordField(versions, at) };
}
