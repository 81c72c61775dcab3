/**
 * Recording a status event (admitting a state, changing or ending a status). The event is checked
 * against the party's log by the same rule that checks the real history, the party's periods are
 * derived again by the period rule, and both land in one batch guarded against a concurrent event.
 */
import { parsePartialDate, type PartialDate } from "../../domain/dates";
import { checkEvent } from "../../domain/event-log";
import type { PartyKind } from "../../domain/statuses";
import { periodRows } from "../../db/period-rows";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import { toEventInput, toWireEvent } from "../parties/parties.mappers";
import { getPartyWithEvents } from "../parties/parties.queries";
import { resolveParties } from "../agreements/agreements.queries";
import { recountStatuses } from "../parties/parties.queries";
import { deletePeriods, insertEvent, insertPeriods, maxEventId, noEventAfter } from "./status-events.queries";
import type { CreateRoute } from "./status-events.routes";

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const db = c.var.db;
  const body = c.req.valid("json");
  const [ref] = await resolveParties(db, [body.party]);
  const found = ref?.party && (await getPartyWithEvents(db, ref.party.kind as PartyKind, ref.party.id));
  if (!found) throw new ApiError(422, { code: "unknown-party", detail: `No party "${body.party}" in the registry`, extra: { errors: [{ path: "party", message: "unknown party", code: "custom" }] } });
  const { party, events } = found;
  const date = parsePartialDate(body.date) as PartialDate;
  const id = (await maxEventId(db)) + 1;
  const input = { id, status: body.status, kind: body.kind, date };
  const problems = checkEvent(party.kind as PartyKind, events.map(toEventInput), input);
  if (problems.length > 0) {
    throw new ApiError(409, { code: "contradicts-log", detail: `The event contradicts ${party.id}'s log: ${problems.join("; ")}`, extra: { problems } });
  }
  const row = {
    id, partyId: party.id, status: body.status, kind: body.kind, date: date.value, precision: date.precision, windowStart: date.windowStart, windowEnd: date.windowEnd,
    decision: body.decision ?? null, body: body.body ?? null, place: body.place ?? null, note: body.note ?? null, sources: JSON.stringify(body.sources),
    createdAt: new Date().toISOString(),
  };
  const log = [...events.map(toEventInput), input];
  const periods = periodRows(party.id, party.kind, log);
  const wire = toWireEvent(row, party.kind);
  return commitWrite(c, {
    guard: {
      condition: noEventAfter(party.id, Math.max(0, ...events.map((e) => e.id))),
      staleError: () => new ApiError(409, { code: "concurrent-event", detail: `Another event for ${party.id} was recorded meanwhile; reload its history and retry` }),
    },
    statements: [insertEvent(db, row), deletePeriods(db, party.id), ...insertPeriods(db, periods), ...recountStatuses(db)],
    record: { action: "status_event.created", entityType: "status_event", entityId: String(id), before: null, after: wire },
    publicChange: true,
    status: 201,
    body: wire,
    headers: { Location: `/v1/status-events?party=${party.id}` },
    onConstraint: (m) => (m.includes("status_events.id") ? new ApiError(409, { code: "concurrent-event", detail: "Another event was recorded at the same moment; retry" }) : undefined),
  });
};
