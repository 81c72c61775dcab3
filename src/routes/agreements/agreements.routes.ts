import { createRoute, type z } from "@hono/zod-openapi";
import {
  bearerSecurity,
  cacheHeaders,
  conflictProblems,
  IdempotencyHeader,
  IfMatchHeader,
  jsonBody,
  jsonContent,
  keyedContent,
  locationHeader,
  notModified,
  preconditionProblems,
  publicSecurity,
  readProblems,
  writeProblems,
} from "../../lib/openapi";
import { requireRole } from "../../middleware/auth";
import { idempotency } from "../../middleware/idempotency";
import { readRateLimit, writeRateLimit } from "../../middleware/rate-limit";
import { OrganisationIdParam } from "../organisations/organisations.schemas";
import * as s from "./agreements.schemas";

const tags = ["Agreements"];
const editorWrite = [requireRole("editor"), writeRateLimit, idempotency];
const etagHeader = { ETag: { description: "The agreement's version, for If-Match", schema: { type: "string" as const, maxLength: 20, pattern: '^"[0-9]+"$' } } };
const agreementContent = (description: string, headers = {}) => keyedContent(s.AgreementSchema, description, { ...etagHeader, ...headers });
const read = (schema: z.ZodType, description: string) => ({ 200: { ...jsonContent(schema, description), headers: cacheHeaders }, ...notModified, ...readProblems });

export const list = createRoute({
  method: "get", path: "/v1/agreements", operationId: "listAgreements", tags, security: publicSecurity, middleware: readRateLimit,
  summary: "Agreements, filterable by counterparty, lifecycle, kind and signed date",
  description: "Drafts and agreements awaiting consent included; filter by `lifecycle` to see only concluded ones.",
  request: { query: s.AgreementListQuery },
  responses: read(s.AgreementListSchema, "One page of agreements"),
});

export const listForOrganisation = createRoute({
  method: "get", path: "/v1/organisations/{id}/agreements", operationId: "listOrganisationAgreements", tags: ["Organisations", ...tags], security: publicSecurity, middleware: readRateLimit,
  summary: "The agreements with one organisation",
  description: "The same list as /v1/agreements?counterparty={id}.",
  request: { params: OrganisationIdParam, query: s.AgreementListQuery.omit({ counterparty: true }) },
  responses: read(s.AgreementListSchema, "One page of agreements"),
});

export const getOne = createRoute({
  method: "get", path: "/v1/agreements/{id}", operationId: "getAgreement", tags, security: publicSecurity, middleware: readRateLimit,
  summary: "One agreement",
  description: "Send its ETag back in If-Match to change it.",
  request: { params: s.AgreementIdParam },
  responses: read(s.AgreementSchema, "The agreement; its ETag is its version"),
});

export const getConsents = createRoute({
  method: "get", path: "/v1/agreements/{id}/consents", operationId: "getAgreementConsents", tags, security: publicSecurity, middleware: readRateLimit,
  summary: "Who consented, who objects and who is still missing",
  description: "Required are exactly the member states on the date of conclusion (the signed date; before signature, the proposed date; else today).",
  request: { params: s.AgreementIdParam },
  responses: read(s.ConsentStatusSchema, "The consents"),
});

export const create = createRoute({
  method: "post", path: "/v1/agreements", operationId: "createAgreement", tags, security: bearerSecurity, middleware: editorWrite,
  summary: "Draft an agreement (editor)",
  description: "The agreement starts as a draft; submit it for consent with PATCH lifecycle=awaiting_consent.",
  request: { headers: IdempotencyHeader, body: jsonBody(s.CreateAgreementBody, "The draft") },
  responses: { 201: agreementContent("The draft", locationHeader), ...writeProblems, ...conflictProblems },
});

export const update = createRoute({
  method: "patch", path: "/v1/agreements/{id}", operationId: "updateAgreement", tags, security: bearerSecurity, middleware: [requireRole("editor"), writeRateLimit],
  summary: "Change an agreement's details, or submit a draft for consent (editor, If-Match)",
  description: "Only the fields sent change. Refused with 412 when If-Match is not the current ETag.",
  request: { params: s.AgreementIdParam, headers: IfMatchHeader, body: jsonBody(s.UpdateAgreementBody, "The fields to change") },
  responses: { 200: agreementContent("The agreement"), ...writeProblems, ...conflictProblems, ...preconditionProblems },
});

export const recordConsent = createRoute({
  method: "post", path: "/v1/agreements/{id}/consents", operationId: "recordConsent", tags, security: bearerSecurity, middleware: editorWrite,
  summary: "Record a member state's consent or objection (editor)",
  description:
    "While consents are collected only (409 otherwise, also when the agreement moved on at the moment of writing). Only a state that was a member on the date of its decision may answer (422); a later decision of the same state replaces its earlier one. Dates more than a year ahead are refused (422).",
  request: { params: s.AgreementIdParam, headers: IdempotencyHeader, body: jsonBody(s.ConsentBody, "The decision") },
  responses: { 201: keyedContent(s.ConsentStatusSchema, "The consents after this one"), ...writeProblems, ...conflictProblems },
});

export const withdrawConsent = createRoute({
  method: "delete", path: "/v1/agreements/{id}/consents/{state}", operationId: "withdrawConsent", tags, security: bearerSecurity,
  middleware: [requireRole("editor"), writeRateLimit],
  summary: "Withdraw a member state's consent or objection (editor)",
  description:
    "While consents are collected only. The state is missing again; the decision withdrawn stays in the audit log. 404 when the state has no decision on record.",
  request: { params: s.ConsentParams },
  responses: { 200: keyedContent(s.ConsentStatusSchema, "The consents after the withdrawal"), ...writeProblems, ...conflictProblems },
});

const lifecycleRequest = { params: s.AgreementIdParam, headers: IfMatchHeader.merge(IdempotencyHeader) };
const lifecycleResponses = { 200: agreementContent("The agreement after the step"), ...writeProblems, ...conflictProblems, ...preconditionProblems };

export const conclude = createRoute({
  method: "post", path: "/v1/agreements/{id}/conclusion", operationId: "concludeAgreement", tags, security: bearerSecurity, middleware: editorWrite,
  summary: "Conclude (sign) an agreement once every member state of that day consented (editor, If-Match)",
  description:
    "Refused with 409 while a member state of the date of signature has not consented, one objects, or a consent is dated after the signature — checked again inside the write, so a consent or objection that arrives at the same moment cannot slip past. Dates more than a year ahead are refused (422).",
  request: { ...lifecycleRequest, body: jsonBody(s.ConclusionBody, "The signature") },
  responses: lifecycleResponses,
});

export const enterIntoForce = createRoute({
  method: "post", path: "/v1/agreements/{id}/entry-into-force", operationId: "enterAgreementIntoForce", tags, security: bearerSecurity, middleware: editorWrite,
  summary: "Record an agreement's entry into force (editor, If-Match)",
  description: "Only a concluded agreement can enter into force, on or after its date of signature (422 otherwise), and not more than a year ahead.",
  request: { ...lifecycleRequest, body: jsonBody(s.EntryIntoForceBody, "The date") },
  responses: lifecycleResponses,
});

export const terminate = createRoute({
  method: "post", path: "/v1/agreements/{id}/termination", operationId: "terminateAgreement", tags, security: bearerSecurity, middleware: editorWrite,
  summary: "Record an agreement's termination or expiry (editor, If-Match)",
  description: "Ends a concluded or in-force agreement, on or after its entry into force (or signature). An expiry fixed by the agreement's term may be recorded ahead.",
  request: { ...lifecycleRequest, body: jsonBody(s.TerminationBody, "The date and outcome") },
  responses: lifecycleResponses,
});

export type ListRoute = typeof list;
export type ListForOrganisationRoute = typeof listForOrganisation;
export type GetOneRoute = typeof getOne;
export type GetConsentsRoute = typeof getConsents;
export type CreateRoute = typeof create;
export type UpdateRoute = typeof update;
export type RecordConsentRoute = typeof recordConsent;
export type WithdrawConsentRoute = typeof withdrawConsent;
export type ConcludeRoute = typeof conclude;
export type EnterIntoForceRoute = typeof enterIntoForce;
export type TerminateRoute = typeof terminate;
