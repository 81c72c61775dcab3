import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, jsonContent, writeProblems } from "../../lib/openapi";
import { requireRole } from "../../middleware/auth";
import { AuditListSchema, AuditQuery } from "./audit.schemas";

export const list = createRoute({
  method: "get",
  path: "/v1/audit",
  operationId: "listAudit",
  summary: "The audit log of every write (admin)",
  tags: ["Audit"],
  security: bearerSecurity,
  middleware: [requireRole("admin")],
  request: { query: AuditQuery },
  responses: { 200: jsonContent(AuditListSchema, "One page of audit records, oldest first"), ...writeProblems },
});

export type ListRoute = typeof list;
