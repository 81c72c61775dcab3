/**
 * The status event log: reading it, and recording a status event (admitting a state, changing or
 * ending a status). The event is checked against the party's log by the same rule that checks the real history, the party's periods are
 * derived again by the period rule, and both land in one batch guarded against a concurrent event
 * for the same party. Ids come from a sequence, so events for different parties never contend.
 */

import { z } from "@hono/zod-openapi";
import { getPartyWithEvents, resolveParties } from "../../db/parties";
import { recountStatuses } from "../../db/party-lists";
import { periodRows } from "../../db/period-rows";
import { partyVersionCountIs, recordEventVersion } from "../../db/versions";
import { today, validPartialDate } from "../../domain/dates";
import { checkEvent, findIdenticalEvent } from "../../domain/event-log";
import { evidenceProblems } from "../../domain/evidence";
import { STEP_DOES_NOT_GRANT, stepProblem } from "../../domain/procedure";
import type { PartyKind } from "../../domain/statuses";
import { taggedJson } from "../../lib/etag";
import { toAlternative, toSource } from "../../lib/evidence-schemas";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { decodeCursor, paginate } from "../../lib/pagination";
import { contestedSpansOfLog, toEventInput, toWireEvent } from "../../lib/party-mappers";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import {
  agreementExists,
  agreementHeld,
  allocateEventId,
  countPartyVersions,
  deletePeriods,
  insertEvent,
  insertPeriods,
  listEvents,
  logIs,
  noEventStartsAfter,
  setContested,
} from "./status-events.queries";
import type { CorrectRoute, CreateRoute, GetOneRoute, ListRoute, RetractRoute } from "./status-events.routes";
import * as service from "./status-events.service";

const EventCursor = z.tuple([z.string(), z.number().int()]);

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { party, status, kind, from, to, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, EventCursor);
  const rows = await listEvents(c.var.db, {
    party,
    status,
    kind,
    from,
    to,
    after: after && { windowStart: after[0], id: after[1] },
    limit,
  });
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.event.windowStart, r.event.id]);
  return taggedJson(c, { items: page.map((r) => toWireEvent(r.event, r.partyKind)), nextCursor });
};

const duplicate = (partyId: string, id?: number) =>
  new ApiError(409, {
    code: "duplicate-event",
    detail: `The same event (status, kind and date) is already recorded for ${partyId}${id ? ` as event ${id}` : ""}`,
  });

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const db = c.var.db;
  const body = c.req.valid("json");
  const now = today();
  const [ref] = await resolveParties(db, [body.party]);
  const found = ref?.party && (await getPartyWithEvents(db, ref.party.kind as PartyKind, ref.party.id));
  if (!found)
    throw new ApiError(422, {
      code: "unknown-party",
      detail: `No party "${body.party}" in the registry`,
      extra: { errors: [{ path: "party", message: "unknown party", code: "custom" }] },
    });
  const { party, events } = found;
  const date = validPartialDate(body.date);
  refuseBeyondHorizon(date, now);
  const log = events.map(toEventInput);
  const candidate = { id: Number.MAX_SAFE_INTEGER, status: body.status, kind: body.kind, date };
  const repeated = findIdenticalEvent(log, candidate);
  if (repeated) throw duplicate(party.id, repeated.id);
  const step = stepProblem(log.at(-1)?.status ?? "none", candidate);
  if (step) throw new ApiError(422, { code: STEP_DOES_NOT_GRANT, detail: step });
  const certainty = body.certainty ?? "high";
  const alternatives = (body.alternatives ?? []).map(toAlternative);
  const sources = body.sources.map(toSource);
  const evidence = evidenceProblems({ certainty, sources, alternatives });
  if (evidence.length > 0) throw new ApiError(422, { code: "weak-evidence", detail: evidence.join("; ") });
  if (body.basis && !(await agreementExists(db, body.basis.agreementId)))
    throw new ApiError(422, {
      code: "unknown-agreement",
      detail: `No agreement "${body.basis.agreementId}" in the registry`,
      extra: { errors: [{ path: "basis.agreementId", message: "unknown agreement", code: "custom" }] },
    });
  const problems = checkEvent(party.kind as PartyKind, log, candidate);
  if (problems.length > 0) {
    throw new ApiError(409, {
      code: "contradicts-log",
      detail: `The event contradicts ${party.id}'s log: ${problems.join("; ")}`,
      extra: { problems },
    });
  }
  const versionCount = await countPartyVersions(db, party.id);
  // Allocated after the log was read, so the new id is above every id of that log.
  const id = await allocateEventId(db);
  const input = { ...candidate, id };
  const row = {
    id,
    partyId: party.id,
    status: body.status,
    kind: body.kind,
    date: date.value,
    precision: date.precision,
    windowStart: date.windowStart,
    windowEnd: date.windowEnd,
    decision: body.decision ?? null,
    body: body.body ?? null,
    place: body.place ?? null,
    note: body.note ?? null,
    sources: JSON.stringify(sources),
    certainty,
    alternatives: JSON.stringify(alternatives),
    basisAgreementId: body.basis?.agreementId ?? null,
    createdAt: new Date().toISOString(),
  };
  const periods = periodRows(party.id, party.kind, [...log, input]);
  const spans = contestedSpansOfLog([...events, row]);
  const wire = toWireEvent(row, party.kind);
  const concurrent = () =>
    new ApiError(409, {
      code: "concurrent-event",
      detail: `Another event for ${party.id} was recorded meanwhile; reload its history and retry`,
    });
  return commitWrite(c, {
    preconditions: [
      { condition: logIs(party.id, events.length, Math.max(0, ...events.map((e) => e.id))), error: concurrent },
      { condition: noEventStartsAfter(party.id, date.windowStart), error: concurrent },
      ...(body.basis
        ? [
            {
              condition: agreementHeld(body.basis.agreementId),
              error: () => new ApiError(422, { code: "unknown-agreement", detail: "The basis agreement is gone" }),
            },
          ]
        : []),
      // no correction or retraction of the party's log either (every write of it adds one version)
      { condition: partyVersionCountIs(party.id, versionCount), error: concurrent },
    ],
    statements: [
      insertEvent(db, row),
      // its first version, recorded from the moment it was created (or 1 ms after the latest recorded)
      ...recordEventVersion(db, id, 1, "recorded", {
        now: row.createdAt,
        reason: null,
        actorKeyId: c.var.actor.keyId,
        actorName: c.var.actor.name,
        sources: [],
      }),
      deletePeriods(db, party.id),
      ...insertPeriods(db, periods),
      setContested(db, party.id, spans),
      ...recountStatuses(db),
    ],
    record: {
      action: "status_event.created",
      entityType: "status_event",
      entityId: String(id),
      before: null,
      after: wire,
    },
    publicChange: true,
    status: 201,
    body: wire,
    headers: { Location: `/v1/status-events?party=${party.id}` },
    onConstraint: (violated) => (violated === "identicalEvent" ? duplicate(party.id) : undefined),
  });
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const loaded = await service.loadEventRecord(c.var.db, id);
  if (!loaded || loaded.versions.length === 0)
    throw new ApiError(404, { code: "not-found", detail: `No status event ${id}` });
  const body = service.toWireRecord(id, loaded.party.kind, loaded.versions);
  // Tagged with its version: what If-Match of a correction names (it changes with every version).
  return c.json(body, 200, { ETag: service.eventEtag(body.version) });
};

export const correct: AppRouteHandler<CorrectRoute> = (c) =>
  service.correct(c, c.req.valid("param").id, c.req.valid("json"));

export const retract: AppRouteHandler<RetractRoute> = (c) =>
  service.retract(c, c.req.valid("param").id, c.req.valid("json"));
