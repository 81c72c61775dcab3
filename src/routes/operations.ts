/**
 * The two kinds of operation the registry has, defined once: every `*.routes.ts` builds its routes
 * with these, so each public read is limited, cacheable and documented alike, and each keyed
 * operation is authenticated, limited per key and documented alike.
 */
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import {
  BookmarkRequestHeader,
  bearerSecurity,
  cacheHeaders,
  jsonContent,
  notModified,
  publicSecurity,
  readProblems,
  writeProblems,
} from "../lib/openapi";
import { requireRole } from "../middleware/auth";
import { edgeCache } from "../middleware/edge-cache";
import { idempotency } from "../middleware/idempotency";
import { readRateLimit, writeRateLimit } from "../middleware/rate-limit";
import type { Role } from "../types";

/**
 * The request with X-D1-Bookmark declared beside the operation's own headers. Only the contract
 * needs it: the db middleware (src/middleware/db.ts) reads and checks it before validation.
 */
function withBookmark<Req extends NonNullable<RouteConfig["request"]>>(request: Req) {
  const own = request.headers;
  const headers = own && "extend" in own ? own.extend(BookmarkRequestHeader.shape) : BookmarkRequestHeader;
  return { ...request, headers };
}

interface OperationDoc<P extends string> {
  path: P;
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
}

/**
 * A public read: GET with no key, limited per client, answered with an ETag (304 on If-None-Match)
 * and the shared caching headers, kept in the location's edge cache (src/middleware/edge-cache.ts),
 * and the read problems (400, 404, 429, 500).
 */
export const publicRead = <P extends string, Req extends NonNullable<RouteConfig["request"]>, S extends z.ZodType>(
  op: OperationDoc<P> & { request: Req; ok: S; okDescription: string },
) => publicGet(op, { ...jsonContent(op.ok, op.okDescription), headers: cacheHeaders });

/** The GET of publicRead and publicDownload, whose only difference is what their 200 is. */
const publicGet = <
  P extends string,
  Req extends NonNullable<RouteConfig["request"]>,
  R extends RouteConfig["responses"][number],
>(
  op: OperationDoc<P> & { request: Req },
  ok: R,
) =>
  createRoute({
    method: "get",
    path: op.path,
    operationId: op.operationId,
    tags: op.tags,
    summary: op.summary,
    description: op.description,
    security: publicSecurity,
    // Counted first: an answer from the edge cache still counts against the client's read limit.
    middleware: [readRateLimit, edgeCache],
    request: withBookmark(op.request),
    responses: { 200: ok, ...notModified, ...readProblems },
  });

/** What every dataset export answers besides the shared caching headers (src/routes/exports/). */
export const downloadHeaders = {
  "Dataset-Version": {
    description:
      "The change feed's cursor (/v1/changes) this download reflects: pass it as `since` to fetch what changed after it. With `asRecordedOn`: `r` and the moment asked (e.g. r2026-12-01T080000000Z)",
    schema: { type: "string" as const, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$", example: "WzEyMV0" },
  },
  Link: {
    description:
      'Where to cite the download from (rel="cite-as", RFC 8574): with `asRecordedOn` set to the latest recorded time of its facts, so that it answers the same file later',
    schema: {
      type: "string" as const,
      maxLength: 600,
      example:
        '<https://registry.example/v1/exports/agreements.csv?asRecordedOn=2026-12-01T08:00:00.000Z>; rel="cite-as"',
    },
  },
  "Content-Disposition": {
    description: "The file name to save it under, with the dataset version",
    schema: { type: "string" as const, maxLength: 200, example: 'attachment; filename="sco-agreements-WzEyMV0.csv"' },
  },
};

/**
 * A public download (a dataset export): a public read in every respect — limited, ETag and 304,
 * cached at the edge — whose 200 is a file of `content`, streamed, with the download headers.
 */
export const publicDownload = <P extends string, Req extends NonNullable<RouteConfig["request"]>>(
  op: OperationDoc<P> & { request: Req; content: Record<string, { schema: z.ZodType }>; okDescription: string },
) =>
  publicGet(op, {
    description: op.okDescription,
    content: op.content,
    headers: { ...cacheHeaders, ...downloadHeaders },
  });

/**
 * An operation that needs an API key of `role` (admin includes editor): limited per key, POSTs
 * retry-safe with Idempotency-Key, and the keyed problems (400, 401, 403, 404, 413, 415, 422, 429,
 * 500) documented after the operation's own responses.
 */
export const keyedOperation = <
  M extends "get" | "post" | "patch" | "delete",
  P extends string,
  Req extends NonNullable<RouteConfig["request"]>,
  Res extends RouteConfig["responses"],
>(
  op: OperationDoc<P> & { method: M; role: Role; request: Req; responses: Res },
) =>
  createRoute({
    method: op.method,
    path: op.path,
    operationId: op.operationId,
    tags: op.tags,
    summary: op.summary,
    description: op.description,
    security: bearerSecurity,
    middleware:
      op.method === "post"
        ? [requireRole(op.role), writeRateLimit, idempotency]
        : [requireRole(op.role), writeRateLimit],
    request: withBookmark(op.request),
    // The operation's own responses first (and winning over a shared one of the same status).
    responses: { ...op.responses, ...writeProblems, ...op.responses },
  });

/** An HTML page for people: limited per client like any read, and kept out of the API contract. */
export const publicPage = <P extends string, Req extends NonNullable<RouteConfig["request"]>>(op: {
  path: P;
  summary: string;
  request: Req;
}) =>
  createRoute({
    method: "get",
    path: op.path,
    hide: true,
    summary: op.summary,
    middleware: readRateLimit,
    request: op.request,
    responses: { 200: { description: op.summary, content: { "text/html": { schema: z.string() } } } },
  });
