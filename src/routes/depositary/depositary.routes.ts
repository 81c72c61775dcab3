import { conflictProblems, IdempotencyHeader, jsonBody, keyedContent } from "../../lib/openapi";
import { AgreementIdParam } from "../agreements/agreements.schemas";
import { keyedOperation, publicRead } from "../operations";
import * as s from "./depositary.schemas";

const tags = ["Agreements"];

export const getDepositary = publicRead({
  path: "/v1/agreements/{id}/depositary",
  operationId: "getAgreementDepositary",
  tags,
  summary: "The depositary log: has every member state received a certified copy?",
  description:
    "The Secretariat's acts as depositary of the agreement (original received, certified copies made, copies forwarded to member states and the SCO RATS), each with date, reference, actor and sources, and per member state on the date of conclusion whether a certified copy was forwarded and when. For an agreement concluded before the registry, a state without an archive entry is `not_recorded`, never `missing`.",
  request: { params: AgreementIdParam },
  ok: s.DepositaryStatusSchema,
  okDescription: "The depositary log and the per-member view",
});

export const recordDepositaryAction = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/depositary",
  operationId: "recordDepositaryAction",
  tags,
  role: "editor",
  summary: "Record an act of the depositary (editor)",
  description:
    "Only after the conclusion, and only when its date is known to the day (409 otherwise); not dated before it or more than a year ahead (422). A copy goes to a state that was a member on the date of conclusion (422 otherwise) or to the SCO RATS. The original is received once and each recipient's copy forwarded once (409). Where the registry kept the log from the conclusion, a certified copy needs the original on record and a forward a certified copy on record (409), neither dated before it (422).",
  request: { params: AgreementIdParam, headers: IdempotencyHeader, body: jsonBody(s.DepositaryBody, "The act") },
  responses: { 201: keyedContent(s.DepositaryStatusSchema, "The depositary log after this act"), ...conflictProblems },
});

export type GetDepositaryRoute = typeof getDepositary;

export type RecordDepositaryActionRoute = typeof recordDepositaryAction;
