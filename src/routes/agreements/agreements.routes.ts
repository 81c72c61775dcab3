import {
  conflictProblems,
  IdempotencyHeader,
  IfMatchHeader,
  jsonBody,
  keyedContent,
  locationHeader,
  preconditionProblems,
} from "../../lib/openapi";
import { keyedOperation, publicRead } from "../operations";
import { OrganisationIdParam } from "../organisations/organisations.schemas";
import * as s from "./agreements.schemas";

const tags = ["Agreements"];

const etagHeader = {
  ETag: {
    description: "The agreement's version, for If-Match",
    schema: { type: "string" as const, maxLength: 20, pattern: '^"[0-9]+"$' },
  },
};

const agreementContent = (description: string, headers = {}) =>
  keyedContent(s.AgreementSchema, description, { ...etagHeader, ...headers });

export const list = publicRead({
  path: "/v1/agreements",
  operationId: "listAgreements",
  tags,
  summary: "Agreements, filterable by counterparty, lifecycle, kind and signed date",
  description: "Drafts and agreements awaiting consent included; filter by `lifecycle` to see only concluded ones.",
  request: { query: s.AgreementListQuery },
  ok: s.AgreementListSchema,
  okDescription: "One page of agreements",
});

export const listForOrganisation = publicRead({
  path: "/v1/organisations/{id}/agreements",
  operationId: "listOrganisationAgreements",
  tags: ["Organisations", ...tags],
  summary: "The agreements with one organisation",
  description: "The same list as /v1/agreements?counterparty={id}.",
  request: { params: OrganisationIdParam, query: s.AgreementListQuery.omit({ counterparty: true }) },
  ok: s.AgreementListSchema,
  okDescription: "One page of agreements",
});

export const getOne = publicRead({
  path: "/v1/agreements/{id}",
  operationId: "getAgreement",
  tags,
  summary: "One agreement",
  description:
    "Send its ETag back in If-Match to change it. With `asRecordedOn`, the agreement as the registry recorded it then (its dates and details; the counterparties are today's) and `record`, the version it rests on.",
  request: { params: s.AgreementIdParam, query: s.AgreementReadQuery },
  ok: s.AgreementReadSchema,
  okDescription: "The agreement, with the status events resting on it; its ETag is its version",
});

export const create = keyedOperation({
  method: "post",
  path: "/v1/agreements",
  operationId: "createAgreement",
  tags,
  role: "editor",
  summary: "Draft an agreement (editor)",
  description: "The agreement starts as a draft; submit it for consent with PATCH lifecycle=awaiting_consent.",
  request: { headers: IdempotencyHeader, body: jsonBody(s.CreateAgreementBody, "The draft") },
  responses: { 201: agreementContent("The draft", locationHeader), ...conflictProblems },
});

export const update = keyedOperation({
  method: "patch",
  path: "/v1/agreements/{id}",
  operationId: "updateAgreement",
  tags,
  role: "editor",
  summary: "Change an agreement's details, or submit a draft for consent (editor, If-Match)",
  description: "Only the fields sent change. Refused with 412 when If-Match is not the current ETag.",
  request: {
    params: s.AgreementIdParam,
    headers: IfMatchHeader,
    body: jsonBody(s.UpdateAgreementBody, "The fields to change"),
  },
  responses: { 200: agreementContent("The agreement"), ...conflictProblems, ...preconditionProblems },
});

const lifecycleRequest = { params: s.AgreementIdParam, headers: IfMatchHeader.merge(IdempotencyHeader) };

const lifecycleResponses = {
  200: agreementContent("The agreement after the step"),
  ...conflictProblems,
  ...preconditionProblems,
};

export const correct = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/corrections",
  operationId: "correctAgreement",
  tags,
  role: "editor",
  summary: "Correct an agreement's dates (editor, If-Match; reason required)",
  description:
    "Corrects the dates already recorded (proposed, signed, in force, ended) without overwriting: the current version is closed and a new one recorded with its reason and sources (`asRecordedOn` still answers the old one). Checked like the steps that set them (dates in order, consents before the signature); in the change feed as `correction`.",
  request: { ...lifecycleRequest, body: jsonBody(s.CorrectAgreementBody, "The dates, the reason and the sources") },
  responses: lifecycleResponses,
});

export const conclude = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/conclusion",
  operationId: "concludeAgreement",
  tags,
  role: "editor",
  summary: "Conclude (sign) an agreement once every member state of that day consented (editor, If-Match)",
  description:
    "Refused with 409 while a member state of the date of signature has not consented, one objects, or a consent is dated after the signature — checked again inside the write, so a consent or objection that arrives at the same moment cannot slip past. Dates more than a year ahead are refused (422).",
  request: { ...lifecycleRequest, body: jsonBody(s.ConclusionBody, "The signature") },
  responses: lifecycleResponses,
});

export const enterIntoForce = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/entry-into-force",
  operationId: "enterAgreementIntoForce",
  tags,
  role: "editor",
  summary: "Record an agreement's entry into force (editor, If-Match)",
  description:
    "Only a concluded agreement can enter into force, on or after its date of signature (422 otherwise), and not more than a year ahead.",
  request: { ...lifecycleRequest, body: jsonBody(s.EntryIntoForceBody, "The date") },
  responses: lifecycleResponses,
});

export const terminate = keyedOperation({
  method: "post",
  path: "/v1/agreements/{id}/termination",
  operationId: "terminateAgreement",
  tags,
  role: "editor",
  summary: "Record an agreement's termination or expiry (editor, If-Match)",
  description:
    "Ends a concluded or in-force agreement, on or after its entry into force (or signature). An expiry fixed by the agreement's term may be recorded ahead.",
  request: { ...lifecycleRequest, body: jsonBody(s.TerminationBody, "The date and outcome") },
  responses: lifecycleResponses,
});

export type ListRoute = typeof list;

export type ListForOrganisationRoute = typeof listForOrganisation;

export type GetOneRoute = typeof getOne;
export type CorrectRoute = typeof correct;

export type CreateRoute = typeof create;

export type UpdateRoute = typeof update;

export type ConcludeRoute = typeof conclude;

export type EnterIntoForceRoute = typeof enterIntoForce;

export type TerminateRoute = typeof terminate;
