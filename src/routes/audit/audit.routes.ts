import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, keyedContent, notModified, writeProblems } from "../../lib/openapi";
import { requireRole } from "../../middleware/auth";
import { writeRateLimit } from "../../middleware/rate-limit";
import { AuditListSchema, AuditQuery } from "./audit.schemas";

export const list = createRoute({
  method: "get",
  path: "/v1/audit",
  operationId: "listAudit",
  summary: "The audit log of every write (admin)",
  description: "Who changed what and when, with the entity before and after; filterable by entity, actor and action.",
  tags: ["Audit"],
  security: bearerSecurity,
  middleware: [requireRole("admin"), writeRateLimit],
  request: { query: AuditQuery },
  responses: { 200: keyedContent(AuditListSchema, "One page of audit records, oldest first"), ...notModified, ...writeProblems },
});

export type ListRoute = typeof list;
