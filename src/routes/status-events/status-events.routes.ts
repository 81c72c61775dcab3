import { createRoute } from "@hono/zod-openapi";
import { cacheHeaders, jsonContent, notModified, readProblems } from "../../lib/openapi";
import { StatusEventListQuery, StatusEventListSchema } from "./status-events.schemas";

const tags = ["Status events"];

export const list = createRoute({
  method: "get",
  path: "/v1/status-events",
  operationId: "listStatusEvents",
  summary: "The status event log",
  description: "Every recorded event in date order, filterable by party, status, kind and date range.",
  tags,
  request: { query: StatusEventListQuery },
  responses: { 200: { ...jsonContent(StatusEventListSchema, "One page of events"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export type ListRoute = typeof list;
