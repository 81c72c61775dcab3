import { createRoute } from "@hono/zod-openapi";
import { cacheHeaders, jsonContent, notModified, publicSecurity, readProblems } from "../../lib/openapi";
import { readRateLimit } from "../../middleware/rate-limit";
import {
  OrganisationDetailSchema,
  OrganisationHistorySchema,
  OrganisationIdParam,
  OrganisationLangQuery,
  OrganisationListQuery,
  OrganisationListSchema,
} from "./organisations.schemas";

const tags = ["Organisations"];

export const list = createRoute({
  method: "get",
  path: "/v1/organisations",
  operationId: "listOrganisations",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "Partner organisations with a relation on a day",
  description: "Every organisation holding a status on the day `at` (default: today).",
  tags,
  request: { query: OrganisationListQuery },
  responses: { 200: { ...jsonContent(OrganisationListSchema, "One page of organisations"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export const getOne = createRoute({
  method: "get",
  path: "/v1/organisations/{id}",
  operationId: "getOrganisation",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "One organisation: names, current relation and history",
  description: "Names, the relation today, and every event with the periods derived from them.",
  tags,
  request: { params: OrganisationIdParam, query: OrganisationLangQuery },
  responses: { 200: { ...jsonContent(OrganisationDetailSchema, "The organisation"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export const getHistory = createRoute({
  method: "get",
  path: "/v1/organisations/{id}/history",
  operationId: "getOrganisationHistory",
  security: publicSecurity,
  middleware: readRateLimit,
  summary: "An organisation's events and periods",
  description: "Every recorded event of the organisation and the periods derived from them, oldest first.",
  tags,
  request: { params: OrganisationIdParam, query: OrganisationLangQuery },
  responses: { 200: { ...jsonContent(OrganisationHistorySchema, "The history, oldest first"), headers: cacheHeaders }, ...notModified, ...readProblems },
});

export type ListRoute = typeof list;
export type GetOneRoute = typeof getOne;
export type GetHistoryRoute = typeof getHistory;
