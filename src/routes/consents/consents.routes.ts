import { conflictProblems, IdempotencyHeader, jsonBody, keyedContent } from "../../lib/openapi";
import { AgreementIdParam } from "../agreements/agreements.schemas";
import { keyedOperation, publicRead } from "../operations";
import * as s from "./consents.schemas";

const tags = ["Agreements"];

export const getConsents = publicRead({
  path: "/v1/agreements/{id}/consents",
  operationId: "getAgreementConsents",
  tags,
  summary: "Who consented, who objects and who is still missing",
  description:
    "Required are exactly the member states on the date of conclusion (the signed date; before signature, the proposed date; else today).",
  request: { params: AgreementIdParam },
  ok: s.ConsentStatusSchema,
  okDescription: "The consents",
});

export const recordConsent = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/consents",
  operationId: "recordConsent",
  tags,
  role: "editor",
  summary: "Record a member state's consent or objection (editor)",
  description:
    "While consents are collected only (409 otherwise, also when the agreement moved on at the moment of writing). Only a state that was a member on the date of its decision may answer (422); a later decision of the same state replaces its earlier one. Dates more than a year ahead are refused (422).",
  request: { params: AgreementIdParam, headers: IdempotencyHeader, body: jsonBody(s.ConsentBody, "The decision") },
  responses: { 201: keyedContent(s.ConsentStatusSchema, "The consents after this one"), ...conflictProblems },
});

export const withdrawConsent = keyedOperation({
  method: "delete",
  path: "/v1/agreements/{id}/consents/{state}",
  operationId: "withdrawConsent",
  tags,
  role: "editor",
  summary: "Withdraw a member state's consent or objection (editor)",
  description:
    "While consents are collected only. The state is missing again; the decision withdrawn stays in the audit log. 404 when the state has no decision on record.",
  request: { params: s.ConsentParams },
  responses: { 200: keyedContent(s.ConsentStatusSchema, "The consents after the withdrawal"), ...conflictProblems },
});

export type GetConsentsRoute = typeof getConsents;

export type RecordConsentRoute = typeof recordConsent;

export type WithdrawConsentRoute = typeof withdrawConsent;
