import { conflictProblems, IdempotencyHeader, jsonBody, keyedContent, locationHeader } from "../../lib/openapi";
import { keyedOperation, publicRead } from "../operations";
import * as s from "./secretariat.schemas";

const tags = ["Secretariat"];

export const leadership = publicRead({
  path: "/v1/secretariat/leadership",
  operationId: "getSecretariatLeadership",
  tags,
  summary: "Who held each post of the Secretariat on a day",
  description:
    "The Secretary-General (with nationality, decisions, sources and the rotation check) and the Deputy Secretaries-General on `at` (default: today). Inside the window of a year- or month-precision date a term is listed with `uncertain: true`.",
  request: { query: s.LeadershipQuery },
  ok: s.LeadershipSchema,
  okDescription: "The holders on that day",
});

export const secretariesGeneral = publicRead({
  path: "/v1/secretariat/secretaries-general",
  operationId: "listSecretariesGeneral",
  tags,
  summary: "Every Secretary-General since 2004, with terms and the rotation check",
  description:
    "The rule as published, every term oldest first, the sequence of states actually recorded, and for each appointment the state a naive reading of 'rotating basis in Russian alphabetical order' expects.",
  request: { query: s.LangOnly },
  ok: s.SecretariesGeneralSchema,
  okDescription: "The sequence",
});

export const appoint = keyedOperation({
  method: "post",
  path: "/v1/secretariat/terms",
  operationId: "appointSecretariatTerm",
  tags,
  role: "editor",
  summary: "Record an appointment to a post of the Secretariat (editor)",
  description:
    "Refused with 422 when the state is not a member on the start day, the end is before the start, or a Secretary-General's term lasts more than three years; with 409 when the id exists, when a Secretary-General's term overlaps another, or when the person already held the post (no extension). Checked again inside the write.",
  request: { headers: IdempotencyHeader, body: jsonBody(s.AppointBody, "The term") },
  responses: { 201: keyedContent(s.TermSchema, "The term", locationHeader), ...conflictProblems },
});

export const endTerm = keyedOperation({
  method: "post",
  path: "/v1/secretariat/terms/{id}/end",
  operationId: "endSecretariatTerm",
  tags,
  role: "editor",
  summary: "Record the end of a term (editor)",
  description:
    "Only an open term can be ended (409 otherwise, checked inside the write); the end may not be before the start, nor make a Secretary-General's term longer than three years (422).",
  request: {
    params: s.TermIdParam,
    headers: IdempotencyHeader,
    body: jsonBody(s.EndTermBody, "The last day in office"),
  },
  responses: { 200: keyedContent(s.TermSchema, "The term"), ...conflictProblems },
});

export type LeadershipRoute = typeof leadership;
export type SecretariesGeneralRoute = typeof secretariesGeneral;
export type AppointRoute = typeof appoint;
export type EndTermRoute = typeof endTerm;
