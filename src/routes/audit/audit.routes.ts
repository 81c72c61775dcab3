import { keyedContent, notModified } from "../../lib/openapi";
import { keyedOperation } from "../operations";
import { AuditListSchema, AuditQuery } from "./audit.schemas";

export const list = keyedOperation({
  method: "get",
  path: "/v1/audit",
  operationId: "listAudit",
  summary: "The audit log of every write (admin)",
  description: "Who changed what and when, with the entity before and after; filterable by entity, actor and action.",
  tags: ["Audit"],
  role: "admin",
  request: { query: AuditQuery },
  responses: { 200: keyedContent(AuditListSchema, "One page of audit records, oldest first"), ...notModified },
});

export type ListRoute = typeof list;
