/**
 * Corrections and retractions of a status event. A correction never overwrites: the batch closes
 * the event's open version (recorded until T) and opens the next (recorded from T) with who, why
 * and its sources, updates the current record (status_events), and derives the party's periods and
 * the roster's counts again, exactly as recording a new event does. The corrected log is checked by
 * the same rule as the real history (checkLog); the batch is guarded by the event's version (412
 * for every concurrent correction but one) and by the party's whole log (409).
 */

import type { Context } from "hono";
import { getPartyWithEvents, type StatusEventRow } from "../../db/parties";
import { recountStatuses } from "../../db/party-lists";
import { periodRows } from "../../db/period-rows";
import {
  eventsRecordedBefore,
  eventVersionIs,
  latestEventRecorded,
  partyVersionCountIs,
  recordEventVersion,
  versionsOfParty,
} from "../../db/versions";
import { today, validPartialDate } from "../../domain/dates";
import { checkLog, findIdenticalEvent } from "../../domain/event-log";
import { type Alternative, evidenceProblems, mergeSources, type Source } from "../../domain/evidence";
import { logOrder } from "../../domain/periods";
import { nextRecordedAt } from "../../domain/recorded";
import type { PartyKind } from "../../domain/statuses";
import { recordOf } from "../../lib/as-recorded";
import { toAlternative, toSource } from "../../lib/evidence-schemas";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { contestedSpansOfLog, toEventInput, toWireEvent } from "../../lib/party-mappers";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppBindings } from "../../types";
import {
  deleteEvent,
  deletePeriods,
  findEvent,
  insertPeriods,
  setContested,
  updateEvent,
} from "./status-events.queries";
import type { CorrectStatusEventBody, RetractStatusEventBody } from "./status-events.schemas";

export const eventEtag = (version: number) => `"${version}"`;

const notFound = (id: number, retracted: boolean) =>
  new ApiError(retracted ? 409 : 404, {
    code: retracted ? "event-retracted" : "not-found",
    detail: retracted ? `Status event ${id} was retracted; it has no current version` : `No status event ${id}`,
  });

/** The event's whole record: its versions, the current one, and the party's log and versions. */
export async function loadEventRecord(db: AppBindings["Variables"]["db"], id: number) {
  const row = await findEvent(db, id);
  if (!row) return null;
  const found = await getPartyWithEvents(db, row.partyKind as PartyKind, row.partyId);
  if (!found) return null;
  const partyVersions = await versionsOfParty(db, found.party.id);
  const versions = partyVersions.filter((v) => v.eventId === id).sort((a, b) => a.version - b.version);
  return { ...found, partyVersions, versions, current: found.events.find((e) => e.id === id) ?? null };
}

export function toWireRecord(id: number, partyKind: string, versions: Awaited<ReturnType<typeof versionsOfParty>>) {
  const last = versions.at(-1)!;
  return {
    id,
    version: last.version,
    retracted: last.retracted,
    current: last.retracted ? null : toWireEvent(recordOf(last), partyKind),
    versions: versions.map((v) => ({
      eventId: v.eventId,
      version: v.version,
      action: v.action as "recorded" | "correction" | "retraction",
      recordedFrom: v.recordedFrom,
      recordedUntil: v.recordedUntil,
      retracted: v.retracted,
      reason: v.reason,
      recordedBy: v.actorName,
      sources: JSON.parse(v.sources) as Source[],
      event: toWireEvent(recordOf(v), partyKind),
    })),
  };
}

/** If-Match is required and must name the event's current version (428 without it, 412 when stale). */
function checkIfMatch(c: Context<AppBindings>, id: number, version: number) {
  const header = c.req.header("If-Match");
  if (!header)
    throw new ApiError(428, {
      code: "if-match-required",
      detail: `Send If-Match: ${eventEtag(version)} (the ETag of GET /v1/status-events/${id}) to correct this event`,
    });
  const tags = header.split(",").map((t) => t.trim());
  if (!tags.includes("*") && !tags.includes(eventEtag(version))) throw stale(id);
}

const stale = (id: number) =>
  new ApiError(412, {
    code: "stale-version",
    detail: `Status event ${id} was corrected since you read it: reload it and retry with its new ETag`,
  });

type Loaded = NonNullable<Awaited<ReturnType<typeof loadEventRecord>>>;

async function loadForChange(c: Context<AppBindings>, id: number): Promise<Loaded & { current: StatusEventRow }> {
  const loaded = await loadEventRecord(c.var.db, id);
  if (!loaded) throw notFound(id, false);
  const last = loaded.versions.at(-1);
  if (!last) throw new Error(`status event ${id} has no version (every write records one)`);
  checkIfMatch(c, id, last.version);
  if (!loaded.current) throw notFound(id, true);
  return loaded as Loaded & { current: StatusEventRow };
}

function refuseContradiction(partyId: string, partyKind: PartyKind, log: StatusEventRow[]) {
  const problems = checkLog(partyKind, log.map(toEventInput));
  if (problems.length > 0)
    throw new ApiError(409, {
      code: "contradicts-log",
      detail: `The corrected log of ${partyId} would contradict itself: ${problems.join("; ")}`,
      extra: { problems },
    });
}

/** Another write recorded a status event version at or after this one's time: retry (recorded times only increase). */
export const concurrentRecord = () =>
  new ApiError(409, {
    code: "concurrent-record",
    detail: "Another status event was recorded meanwhile; retry",
  });

/** Commits the new version and the party's re-derived periods and counts, in one guarded batch. */
async function commitVersion(
  c: Context<AppBindings>,
  loaded: Loaded & { current: StatusEventRow },
  change: {
    action: "correction" | "retraction";
    statementsBefore: ReturnType<typeof updateEvent>[];
    statementsAfter: ReturnType<typeof deleteEvent>[];
    log: StatusEventRow[];
    after: StatusEventRow | null;
    reason: string;
    sources: Source[];
  },
) {
  const db = c.var.db;
  const { party } = loaded;
  const id = loaded.current.id;
  const last = loaded.versions.at(-1)!;
  // 1 ms after every version recorded so far, not only this event's (src/db/versions.ts), and guarded in the batch.
  const latest = await latestEventRecorded(db);
  const recordedAt = nextRecordedAt(latest ?? last.recordedFrom, new Date());
  const actor = c.var.actor;
  const meta = {
    now: recordedAt,
    reason: change.reason,
    actorKeyId: actor.keyId,
    actorName: actor.name,
    sources: change.sources,
  };
  const newVersion = {
    ...last,
    version: last.version + 1,
    action: change.action,
    recordedFrom: recordedAt,
    recordedUntil: null,
    retracted: change.action === "retraction",
    reason: change.reason,
    actorKeyId: actor.keyId,
    actorName: actor.name,
    sources: JSON.stringify(change.sources),
    record: JSON.stringify(change.after ?? loaded.current),
  };
  const body = toWireRecord(id, party.kind, [
    ...loaded.versions.slice(0, -1),
    { ...last, recordedUntil: recordedAt },
    newVersion,
  ]);
  const before = toWireEvent(loaded.current, party.kind);
  const after = change.after ? toWireEvent(change.after, party.kind) : null;
  const correction = { version: newVersion.version, recordedAt, reason: change.reason, sources: change.sources };
  return commitWrite(c, {
    preconditions: [
      { condition: eventVersionIs(id, last.version), error: () => stale(id) },
      {
        condition: partyVersionCountIs(party.id, loaded.partyVersions.length),
        error: () =>
          new ApiError(409, {
            code: "concurrent-event",
            detail: `Another change to ${party.id}'s log was recorded meanwhile; reload its history and retry`,
          }),
      },
      { condition: eventsRecordedBefore(recordedAt), error: concurrentRecord },
    ],
    statements: [
      ...change.statementsBefore,
      ...recordEventVersion(db, id, newVersion.version, change.action, meta),
      ...change.statementsAfter,
      deletePeriods(db, party.id),
      ...insertPeriods(db, periodRows(party.id, party.kind, change.log.map(toEventInput))),
      // the contested spans follow the log too (the read model of status answers, issue 10)
      setContested(db, party.id, contestedSpansOfLog(change.log)),
      ...recountStatuses(db),
    ],
    record: {
      action: change.action,
      entityType: "status_event",
      entityId: String(id),
      before,
      // The audit keeps why; the feed says the event is gone (null) for a retraction.
      after: after ? { ...after, correction } : { retracted: true, ...correction },
    },
    publicChange: true,
    changeData: after ? { ...after, correction } : null,
    status: 200,
    body,
    headers: { ETag: eventEtag(newVersion.version) },
    onConstraint: (violated) =>
      violated === "identicalEvent"
        ? new ApiError(409, { code: "duplicate-event", detail: `The corrected event repeats another of ${party.id}` })
        : undefined,
  });
}

export async function correct(c: Context<AppBindings>, id: number, body: CorrectStatusEventBody) {
  const loaded = await loadForChange(c, id);
  const { party, current } = loaded;
  const date = body.date === undefined ? null : validPartialDate(body.date);
  if (date) refuseBeyondHorizon(date, today());
  const keep = <K extends keyof StatusEventRow>(k: K, v: StatusEventRow[K] | undefined) =>
    v === undefined ? current[k] : v;
  const eventSources = mergeSources(JSON.parse(current.sources) as Source[], (body.eventSources ?? []).map(toSource));
  const certainty = body.certainty ?? current.certainty;
  const alternatives = body.alternatives
    ? body.alternatives.map(toAlternative)
    : (JSON.parse(current.alternatives) as Alternative[]);
  const evidence = evidenceProblems({ certainty, sources: eventSources, alternatives });
  if (evidence.length > 0) throw new ApiError(422, { code: "weak-evidence", detail: evidence.join("; ") });
  const corrected: StatusEventRow = {
    ...current,
    status: keep("status", body.status),
    kind: keep("kind", body.kind),
    ...(date && {
      date: date.value,
      precision: date.precision,
      windowStart: date.windowStart,
      windowEnd: date.windowEnd,
    }),
    decision: keep("decision", body.decision),
    body: keep("body", body.body),
    place: keep("place", body.place),
    note: keep("note", body.note),
    sources: JSON.stringify(eventSources),
    certainty,
    alternatives: JSON.stringify(alternatives),
  };
  const fields = [
    "status",
    "kind",
    "date",
    "precision",
    "decision",
    "body",
    "place",
    "note",
    "sources",
    "certainty",
    "alternatives",
  ] as const;
  if (fields.every((f) => corrected[f] === current[f]))
    throw new ApiError(422, {
      code: "no-change",
      detail: "The correction changes none of the event's fields",
      extra: { errors: [{ path: "body", message: "nothing to correct", code: "custom" }] },
    });
  const others = loaded.events.filter((e) => e.id !== id);
  const repeated = findIdenticalEvent(others.map(toEventInput), toEventInput(corrected));
  if (repeated)
    throw new ApiError(409, {
      code: "duplicate-event",
      detail: `The corrected event repeats event ${repeated.id} of ${party.id}`,
    });
  const log = [...others, corrected].sort(logOrder);
  refuseContradiction(party.id, party.kind as PartyKind, log);
  const { id: _id, partyId: _p, createdAt: _c, ...set } = corrected;
  return commitVersion(c, loaded, {
    action: "correction",
    statementsBefore: [updateEvent(c.var.db, id, set)],
    statementsAfter: [],
    log,
    after: corrected,
    reason: body.reason,
    sources: body.sources.map(toSource),
  });
}

export async function retract(c: Context<AppBindings>, id: number, body: RetractStatusEventBody) {
  const loaded = await loadForChange(c, id);
  const log = loaded.events.filter((e) => e.id !== id);
  refuseContradiction(loaded.party.id, loaded.party.kind as PartyKind, log);
  return commitVersion(c, loaded, {
    action: "retraction",
    statementsBefore: [],
    statementsAfter: [deleteEvent(c.var.db, id)],
    log,
    after: null,
    reason: body.reason,
    sources: body.sources.map(toSource),
  });
}
