import { createRoute } from "@hono/zod-openapi";
import { cacheHeaders, jsonContent, notModified, publicSecurity, readProblems } from "../../lib/openapi";
import { readRateLimit } from "../../middleware/rate-limit";
import {
  AtLangQuery,
  LangOnlyQuery,
  StateCodeParam,
  StateDetailSchema,
  StateHistorySchema,
  StateListQuery,
  StateListSchema,
  StateStatusSchema,
} from "./states.schemas";

const tags = ["States"];
const ok = <T extends Parameters<typeof jsonContent>[0]>(schema: T, description: string) => ({
  ...jsonContent(schema, description),
  headers: cacheHeaders,
});

export const list = createRoute({
  method: "get",
  path: "/v1/states",
  operationId: "listStates",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "States holding a status on a day",
  description: "Every state holding `status` on the day `at` (default: today). Without `status`, every state with any status.",
  tags,
  request: { query: StateListQuery },
  responses: { 200: ok(StateListSchema, "One page of states"), ...notModified, ...readProblems },
});

export const getOne = createRoute({
  method: "get",
  path: "/v1/states/{code}",
  operationId: "getState",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "One state: names, current status and full history",
  description: "Names in English, Russian and Chinese, the status today, and every event with the status periods derived from them.",
  tags,
  request: { params: StateCodeParam, query: LangOnlyQuery },
  responses: { 200: ok(StateDetailSchema, "The state"), ...notModified, ...readProblems },
});

export const getStatus = createRoute({
  method: "get",
  path: "/v1/states/{code}/status",
  operationId: "getStateStatus",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "A state's status on a day",
  description: "`status` is `none` where the state had no relation on that day; `uncertain` is true inside the window of a year- or month-precision date.",
  tags,
  request: { params: StateCodeParam, query: AtLangQuery },
  responses: { 200: ok(StateStatusSchema, "The status on that day"), ...notModified, ...readProblems },
});

export const getHistory = createRoute({
  method: "get",
  path: "/v1/states/{code}/history",
  operationId: "getStateHistory",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "A state's events and status periods",
  description: "Every recorded event of the state and the status periods derived from them, oldest first.",
  tags,
  request: { params: StateCodeParam, query: LangOnlyQuery },
  responses: { 200: ok(StateHistorySchema, "The history, oldest first"), ...notModified, ...readProblems },
});

export type ListRoute = typeof list;
export type GetOneRoute = typeof getOne;
export type GetStatusRoute = typeof getStatus;
export type GetHistoryRoute = typeof getHistory;
