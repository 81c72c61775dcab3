import { z } from "@hono/zod-openapi";
import { nextCursorField, PageQuery } from "../../lib/pagination";

export const AuditQuery = z.object({
  entityType: z.enum(["agreement", "consent", "status_event", "api_key"]).optional(),
  entityId: z.string().max(200).optional().openapi({ example: "sco-asean-mou-2026" }),
  actor: z.string().max(40).optional().openapi({ description: "API key id", example: "key_3f9a0c2b7d1e4a55" }),
  action: z.string().max(60).optional().openapi({ example: "agreement.concluded" }),
  ...PageQuery,
});

export const AuditRecordSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ keyId: z.string(), name: z.string() }),
    action: z.string().openapi({ example: "agreement.concluded" }),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().openapi({ description: "The entity before the change (null on creation)" }),
    after: z.unknown().openapi({ description: "The entity after the change" }),
    requestId: z.string(),
  })
  .openapi("AuditRecord");

export const AuditListSchema = z.object({ items: z.array(AuditRecordSchema), nextCursor: nextCursorField }).openapi("AuditList");
