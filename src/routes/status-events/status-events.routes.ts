import { z } from "@hono/zod-openapi";
import {
  conflictProblems,
  IdempotencyHeader,
  IfMatchHeader,
  jsonBody,
  keyedContent,
  locationHeader,
  preconditionProblems,
} from "../../lib/openapi";
import { StatusEventSchema } from "../../lib/party-schemas";
import { StatusEventRecordSchema } from "../../lib/record-schemas";
import { keyedOperation, publicRead } from "../operations";
import {
  CorrectStatusEventBody,
  CreateStatusEventBody,
  EventIdParam,
  RetractStatusEventBody,
  StatusEventListQuery,
  StatusEventListSchema,
} from "./status-events.schemas";

const tags = ["Status events"];

export const list = publicRead({
  path: "/v1/status-events",
  operationId: "listStatusEvents",
  summary: "The status event log",
  description: "Every recorded event in date order, filterable by party, status, kind and date range.",
  tags,
  request: { query: StatusEventListQuery },
  ok: StatusEventListSchema,
  okDescription: "One page of events",
});

export const create = keyedOperation({
  method: "post",
  path: "/v1/status-events",
  operationId: "createStatusEvent",
  summary: "Record a status event: admit a state, change or end a status (editor)",
  description:
    "Refused with 409 when it contradicts the party's log: a second founding, a date before the party's previous event, a status the kind of event cannot lead to. Refused with 422 `step-does-not-grant-status` when a step of the procedure that grants nothing (application, procedure_launched, accession_launched, obligations_memorandum_signed) would change the party's status; with 422 `weak-evidence` when an alternative reading comes with high certainty, and `unknown-agreement` when `basis` names an agreement the registry does not hold. The party's contested spans are recomputed in the same batch.",
  tags,
  role: "editor",
  request: { headers: IdempotencyHeader, body: jsonBody(CreateStatusEventBody, "The event") },
  responses: { 201: keyedContent(StatusEventSchema, "The recorded event", locationHeader), ...conflictProblems },
});

export const getOne = publicRead({
  path: "/v1/status-events/{id}",
  operationId: "getStatusEvent",
  summary: "One status event with every version of it",
  description:
    "The event as the current record holds it (null once retracted) and every version recorded: when, by whom, why. Its `version`, quoted, is what If-Match of a correction names.",
  tags,
  request: { params: EventIdParam, query: z.object({}) },
  ok: StatusEventRecordSchema,
  okDescription: "The event's record",
});

const etagHeader = {
  ETag: {
    description: "The event's new version, for If-Match",
    schema: { type: "string" as const, maxLength: 20, pattern: '^"[0-9]+"$' },
  },
};

const versionResponses = {
  200: keyedContent(StatusEventRecordSchema, "The event's record with the new version", etagHeader),
  ...conflictProblems,
  ...preconditionProblems,
};

export const correct = keyedOperation({
  method: "post",
  path: "/v1/status-events/{id}/corrections",
  operationId: "correctStatusEvent",
  summary: "Correct a status event (editor, If-Match; reason required)",
  description:
    "Never overwrites: the current version is closed and a new one recorded with its reason and sources; answers as recorded before stay as they were (`asRecordedOn`). The corrected log is checked like a new event (409 when it contradicts itself); the party's periods and the roster's counts are derived again in the same batch. In the change feed as `correction`.",
  tags,
  role: "editor",
  request: {
    params: EventIdParam,
    headers: IfMatchHeader.merge(IdempotencyHeader),
    body: jsonBody(CorrectStatusEventBody, "The fields to correct, the reason and the sources"),
  },
  responses: versionResponses,
});

export const retract = keyedOperation({
  method: "post",
  path: "/v1/status-events/{id}/retraction",
  operationId: "retractStatusEvent",
  summary: "Retract a status event that should never have been recorded (editor, If-Match; reason required)",
  description:
    "Takes the event out of the current record and keeps every version of it; in the change feed as `retraction`.",
  tags,
  role: "editor",
  request: {
    params: EventIdParam,
    headers: IfMatchHeader.merge(IdempotencyHeader),
    body: jsonBody(RetractStatusEventBody, "The reason and the sources"),
  },
  responses: versionResponses,
});

export type ListRoute = typeof list;
export type GetOneRoute = typeof getOne;
export type CorrectRoute = typeof correct;
export type RetractRoute = typeof retract;
export type CreateRoute = typeof create;
