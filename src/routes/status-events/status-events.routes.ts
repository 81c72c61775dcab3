import { conflictProblems, IdempotencyHeader, jsonBody, keyedContent, locationHeader } from "../../lib/openapi";
import { StatusEventSchema } from "../../lib/party-schemas";
import { keyedOperation, publicRead } from "../operations";
import { CreateStatusEventBody, StatusEventListQuery, StatusEventListSchema } from "./status-events.schemas";

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

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
