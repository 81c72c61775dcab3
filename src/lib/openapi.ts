/**
 * Helpers that keep route definitions short and every operation's error responses documented.
 */
import { z } from "@hono/zod-openapi";
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from "./problem";

export const problemContent = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

/** Errors any public read can answer. */
export const readProblems = {
  400: problemContent("A query or path parameter is invalid (for example a date like 2017-13-45)"),
  404: problemContent("No such resource"),
  500: problemContent("The server failed; the problem is logged with its requestId"),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Headers every cacheable public read sends. */
export const cacheHeaders = {
  ETag: { description: "Entity tag of the representation; send it back in If-None-Match", schema: { type: "string" as const } },
  "Cache-Control": { description: "How long shared caches may keep the answer", schema: { type: "string" as const } },
};

export const notModified = { 304: { description: "The representation has not changed since the ETag sent in If-None-Match" } };

export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "SCO partner-relations registry",
    version: "1.0.0",
    description:
      "The system of record of the SCO Secretariat for the member states, observers, dialogue partners, SCO partners and partner organisations of the Shanghai Cooperation Organisation, how each one's status changed over time, and the agreements the Secretariat concludes with them with the consent of the member states. Dates carry a precision (year, month or day); an answer that falls inside the window of a date known only to the year or month says it is uncertain.",
    license: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" },
    contact: { name: "SCO Secretariat, international relations", url: "https://eng.sectsco.org/" },
  },
  servers: [{ url: "/", description: "This registry" }],
  tags: [
    { name: "States", description: "States and their status over time" },
    { name: "Organisations", description: "Partner organisations and their relations with the SCO" },
    { name: "Roster", description: "The whole picture on a date" },
    { name: "Status events", description: "The event log from which every status period is derived" },
    { name: "Agreements", description: "Agreements the Secretariat concludes with the consent of the member states" },
    { name: "Changes", description: "The public change feed, for incremental sync" },
    { name: "API keys", description: "Keys of the international-relations department (admin)" },
    { name: "Audit", description: "Who changed what, when (admin)" },
  ],
};

/** Errors any authenticated write can answer. */
export const writeProblems = {
  400: problemContent("A header or parameter is malformed, or the body is not JSON"),
  401: problemContent("No API key, or an unknown or revoked one (see WWW-Authenticate)"),
  403: problemContent("The key's role may not do this"),
  404: problemContent("No such resource"),
  413: problemContent("The request body is larger than 64 KiB"),
  415: problemContent("The request body is not application/json"),
  422: problemContent("The body is invalid, or the Idempotency-Key was used for another request"),
  429: problemContent("Too many writes with this key; see Retry-After"),
  500: problemContent("The server failed; nothing was written"),
} as const;

export const conflictProblems = {
  409: problemContent("The change contradicts the registry (illegal transition, missing consents, duplicate)"),
} as const;

export const preconditionProblems = {
  412: problemContent("If-Match does not match the current version: reload and retry"),
  428: problemContent("If-Match is required"),
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .max(255)
    .optional()
    .openapi({ description: "Retry-safe key: a retry with the same key and body answers as the first request did", example: "6b1c3f0e-consent-chn" }),
});

export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .max(100)
    .optional()
    .openapi({ description: "The agreement's ETag as last read; required", example: '"3"' }),
});

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});
