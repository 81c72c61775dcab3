import { createRoute } from "@hono/zod-openapi";
import { cacheHeaders, jsonContent, notModified, publicSecurity, readProblems } from "../../lib/openapi";
import { readRateLimit } from "../../middleware/rate-limit";
import { RosterQuery, RosterSchema } from "./roster.schemas";

export const get = createRoute({
  method: "get",
  path: "/v1/roster",
  operationId: "getRoster",
  summary: "Everyone's status on a day, grouped by status, with counts",
  description: "Every state and organisation holding a status on the day `at` (default: today), grouped by status; `counts` cover all pages.",
  tags: ["Roster"],
  security: publicSecurity,
  middleware: readRateLimit,
  request: { query: RosterQuery },
  responses: { 200: { ...jsonContent(RosterSchema, "The roster"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export type GetRoute = typeof get;
