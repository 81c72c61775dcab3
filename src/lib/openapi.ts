/**
 * Helpers that keep route definitions short and every operation's error responses documented.
 */
import { z } from "@hono/zod-openapi";
import { BOOKMARK, BOOKMARK_HEADER, BOOKMARK_MAX_LENGTH } from "./d1-session";
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from "./problem";
import { RATE_LIMITS } from "./rate-limits";

/** Every /v1 answer carries it (the `cors` middleware in app.ts). */
export const corsHeaders = {
  "Access-Control-Allow-Origin": {
    description: "Any web page may read the answer",
    schema: { type: "string" as const, enum: ["*"] },
  },
};

const limitHeader = (description: string, example: number) => ({
  description,
  schema: { type: "integer" as const, format: "int32", minimum: 1, maximum: 100_000, example },
});
const policyHeader = (description: string, example: string) => ({
  description,
  schema: {
    type: "string" as const,
    maxLength: 200,
    pattern: '^"[a-zA-Z]+";q=[0-9]+;w=[0-9]+(, ?"[a-zA-Z]+";q=[0-9]+;w=[0-9]+)*$',
    example,
  },
});
const { read, write, authFailure } = RATE_LIMITS;

/** The D1 session bookmark an answer leaves (src/lib/d1-session.ts, src/middleware/db.ts). */
const bookmarkHeader = (when: string) => ({
  [BOOKMARK_HEADER]: {
    description: `The D1 bookmark of the database state this answer read or left (${when}); send it back as ${BOOKMARK_HEADER} to read at least that state`,
    schema: {
      type: "string" as const,
      maxLength: BOOKMARK_MAX_LENGTH,
      pattern: BOOKMARK.source,
      example: "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
    },
  },
});

/** The request header a client sends to read at least its own writes. */
export const BookmarkRequestHeader = z.object({
  "x-d1-bookmark": z.string().max(BOOKMARK_MAX_LENGTH).regex(BOOKMARK).optional().openapi({
    description:
      "The X-D1-Bookmark of the client's last answer (a write's, typically): the request then reads a database at least that recent, so it sees its own writes whichever replica answers. A public read that sends it is not answered from the edge cache. Anything that is not a bookmark is a 400",
    example: "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
  }),
});

/** Every answer of a public read states the per-client limit (readRateLimit); src/lib/rate-limits.ts says why only these. */
export const readRateHeaders = {
  ...corsHeaders,
  "X-RateLimit-Limit": limitHeader(
    `Reads allowed per client (CF-Connecting-IP) per ${read.period} s (${read.limit}); past it, 429 with Retry-After`,
    read.limit,
  ),
  "RateLimit-Policy": policyHeader(
    "The same limit as a quota policy (draft-ietf-httpapi-ratelimit-headers): q requests per w seconds",
    `"read";q=${read.limit};w=${read.period}`,
  ),
};

/** Every answer of an operation that needs an API key states the per-key limit and the failed-authentication budget (requireRole). */
export const keyedHeaders = {
  ...corsHeaders,
  ...bookmarkHeader("every write; a keyed read only when the request sent one"),
  "X-RateLimit-Limit": limitHeader(
    `Requests allowed per API key per ${write.period} s (${write.limit}); past it, 429 with Retry-After`,
    write.limit,
  ),
  "RateLimit-Policy": policyHeader(
    `The quota policies (draft-ietf-httpapi-ratelimit-headers): "write", per API key, and "authFailure", failed authentication attempts per client (${authFailure.limit} per ${authFailure.period} s)`,
    `"write";q=${write.limit};w=${write.period}, "authFailure";q=${authFailure.limit};w=${authFailure.period}`,
  ),
};

const retryAfter = {
  "Retry-After": {
    description: "Seconds to wait before retrying",
    schema: { type: "integer" as const, format: "int32", minimum: 1, maximum: 3600, example: 60 },
  },
};

type ResponseHeaders = Record<string, { description: string; schema: object }>;

export const problemContent = (description: string, headers: ResponseHeaders = corsHeaders) => ({
  description,
  headers,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});
const keyedProblem = (description: string) => problemContent(description, keyedHeaders);

/** Errors any public read can answer. */
export const readProblems = {
  400: problemContent("A query or path parameter is invalid (for example a date like 2017-13-45)", readRateHeaders),
  404: problemContent("No such resource", readRateHeaders),
  429: problemContent("Too many reads from this client (CF-Connecting-IP); see Retry-After", {
    ...readRateHeaders,
    ...retryAfter,
  }),
  500: problemContent("The server failed; the problem is logged with its requestId"),
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Headers every cacheable public read sends. */
export const cacheHeaders = {
  ...readRateHeaders,
  ...bookmarkHeader("only when the request sent one"),
  ETag: {
    description: "Entity tag of the representation; send it back in If-None-Match",
    schema: { type: "string" as const, maxLength: 100, pattern: '^(W/)?"[^"]*"$' },
  },
  "Cache-Control": {
    description: "How long shared caches may keep the answer",
    schema: { type: "string" as const, maxLength: 200, pattern: "^[a-z-]+(=[0-9]+)?(, ?[a-z-]+(=[0-9]+)?)*$" },
  },
};

const replayedHeader = {
  "Idempotent-Replayed": {
    description:
      "Only on a POST that sent an Idempotency-Key: `true` when this is the stored first answer to an earlier request with the same key and body, replayed without writing again; absent otherwise",
    schema: { type: "string" as const, enum: ["true"] },
  },
};

/** The success answer of an operation that needs an API key (a POST's may be an idempotent replay). */
export const keyedContent = <T extends z.ZodType>(schema: T, description: string, headers: ResponseHeaders = {}) => ({
  ...jsonContent(schema, description),
  headers: { ...keyedHeaders, ...replayedHeader, ...headers },
});

export const locationHeader = {
  Location: {
    description: "Where the new resource can be read",
    schema: { type: "string" as const, format: "uri-reference", maxLength: 300 },
  },
};

/** Public reads need no key; declared explicitly so the contract says it is meant. */
export const publicSecurity: { bearerAuth: string[] }[] = [];

export const notModified = {
  304: { description: "The representation has not changed since the ETag sent in If-None-Match" },
};

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
  servers: [{ url: "/", description: "This registry: production, or local under `npm start`", "x-internal": false }],
  tags: [
    { name: "States", description: "States and their status over time" },
    { name: "Organisations", description: "Partner organisations and their relations with the SCO" },
    { name: "Roster", description: "The whole picture on a date" },
    { name: "Status events", description: "The event log from which every status period is derived" },
    { name: "Agreements", description: "Agreements the Secretariat concludes with the consent of the member states" },
    {
      name: "Secretariat",
      description:
        "Who headed the Secretariat and its deputies, term by term, and the rotation of the Secretary-General",
    },
    { name: "Changes", description: "The public change feed, for incremental sync" },
    {
      name: "Exports",
      description:
        "The whole registry as open data: CSV files and a Popolo document, with a dataset version and a citation",
    },
    { name: "API keys", description: "Keys of the international-relations department (admin)" },
    { name: "Audit", description: "Who changed what, when (admin)" },
  ],
};

const wwwAuthenticate = {
  "WWW-Authenticate": {
    description: "The Bearer challenge, with the error",
    schema: { type: "string" as const, maxLength: 300, pattern: "^Bearer realm=" },
  },
};

/** Errors any operation with an API key can answer. */
export const writeProblems = {
  400: keyedProblem("A header or parameter is malformed, or the body is not JSON"),
  401: problemContent("No API key, or an unknown or revoked one (see WWW-Authenticate)", {
    ...keyedHeaders,
    ...wwwAuthenticate,
  }),
  403: problemContent("The key's role may not do this", { ...keyedHeaders, ...wwwAuthenticate }),
  404: keyedProblem("No such resource"),
  413: keyedProblem("The request body is larger than 64 KiB"),
  415: keyedProblem("The request body is not application/json"),
  422: keyedProblem("The body is invalid, or the Idempotency-Key was used for another request"),
  429: problemContent(
    "Too many requests with this key, or too many failed authentication attempts from this client (refused before the key is looked up); see Retry-After",
    { ...keyedHeaders, ...retryAfter },
  ),
  500: keyedProblem("The server failed; nothing was written"),
} as const;

export const conflictProblems = {
  409: keyedProblem("The change contradicts the registry (illegal transition, missing consents, duplicate)"),
} as const;

export const preconditionProblems = {
  412: keyedProblem("If-Match does not match the current version: reload and retry"),
  428: keyedProblem("If-Match is required"),
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

export const IdempotencyHeader = z.object({
  "idempotency-key": z.string().max(255).optional().openapi({
    description: "Retry-safe key: a retry with the same key and body answers as the first request did",
    example: "6b1c3f0e-consent-chn",
  }),
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
