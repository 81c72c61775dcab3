import { createRoute } from "@hono/zod-openapi";
import { cacheHeaders, jsonContent, notModified, publicSecurity, readProblems } from "../../lib/openapi";
import { readRateLimit } from "../../middleware/rate-limit";
import { ChangeFeedSchema, ChangesQuery } from "./changes.schemas";

export const list = createRoute({
  method: "get",
  path: "/v1/changes",
  operationId: "listChanges",
  summary: "Every change to public data, in order, for incremental sync",
  description: "Start without `since`; store the returned `cursor` and pass it as `since` on the next sync.",
  tags: ["Changes"],
  security: publicSecurity,
  middleware: readRateLimit,
  request: { query: ChangesQuery },
  responses: { 200: { ...jsonContent(ChangeFeedSchema, "The changes after `since`"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export type ListRoute = typeof list;
