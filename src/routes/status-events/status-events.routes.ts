import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, cacheHeaders, conflictProblems, IdempotencyHeader, jsonBody, jsonContent, keyedContent, locationHeader, notModified, publicSecurity, readProblems, writeProblems } from "../../lib/openapi";
import { requireRole } from "../../middleware/auth";
import { idempotency } from "../../middleware/idempotency";
import { readRateLimit, writeRateLimit } from "../../middleware/rate-limit";
import { StatusEventSchema } from "../../lib/party-schemas";
import { CreateStatusEventBody, StatusEventListQuery, StatusEventListSchema } from "./status-events.schemas";

const tags = ["Status events"];

export const list = createRoute({
  method: "get",
  path: "/v1/status-events",
  operationId: "listStatusEvents",
  summary: "The status event log",
  description: "Every recorded event in date order, filterable by party, status, kind and date range.",
  tags,
  security: publicSecurity,
  middleware: readRateLimit,
  request: { query: StatusEventListQuery },
  responses: { 200: { ...jsonContent(StatusEventListSchema, "One page of events"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export const create = createRoute({
  method: "post",
  path: "/v1/status-events",
  operationId: "createStatusEvent",
  summary: "Record a status event: admit a state, change or end a status (editor)",
  description: "Refused with 409 when it contradicts the party's log: a second founding, a date before the party's previous event, a status the kind of event cannot lead to.",
  tags,
  security: bearerSecurity,
  middleware: [requireRole("editor"), writeRateLimit, idempotency],
  request: { headers: IdempotencyHeader, body: jsonBody(CreateStatusEventBody, "The event") },
  responses: { 201: keyedContent(StatusEventSchema, "The recorded event", locationHeader), ...writeProblems, ...conflictProblems },
});

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
