import { z } from "@hono/zod-openapi";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { int32, MAX, PATTERN, str, timestamp } from "../../lib/wire";

export const AuditQuery = z.object({
  entityType: z.enum(["agreement", "consent", "depositary_action", "status_event", "api_key"]).optional(),
  entityId: z.string().max(200).optional().openapi({ example: "sco-asean-mou-2026" }),
  actor: z.string().max(40).optional().openapi({ description: "API key id", example: "key_3f9a0c2b7d1e4a55" }),
  action: z.string().max(60).optional().openapi({ example: "agreement.concluded" }),
  ...PageQuery,
});

export const AuditRecordSchema = z
  .object({
    id: int32(1),
    at: timestamp(),
    actor: z.object({ keyId: str(MAX.keyId).regex(PATTERN.keyId), name: str(100) }),
    action: str(60).regex(PATTERN.action).openapi({ example: "agreement.concluded" }),
    entityType: str(20).regex(PATTERN.entityType).openapi({ example: "agreement" }),
    entityId: str(200).regex(PATTERN.entityId),
    before: z.unknown().openapi({ description: "The entity before the change (null on creation)" }),
    after: z.unknown().openapi({ description: "The entity after the change" }),
    requestId: str(MAX.requestId).regex(PATTERN.requestId).openapi({
      description: "The server's id of the write's request (its X-Request-Id answer header); never the caller's",
    }),
    clientRequestId: str(MAX.clientRequestId).regex(PATTERN.clientRequestId).nullable().openapi({
      description:
        "The X-Request-Id the caller sent, if any (1–200 visible ASCII characters), kept for the caller's own correlation; not checked for uniqueness",
      example: "desk-7f3a-retry-1",
    }),
  })
  .openapi("AuditRecord", {
    example: {
      id: 412,
      at: "2026-12-10T08:15:02.120Z",
      actor: { keyId: "key_3f9a0c2b7d1e4a55", name: "Desk officer" },
      action: "agreement.concluded",
      entityType: "agreement",
      entityId: "sco-asean-culture-2026",
      before: { lifecycle: "consented", version: 12 },
      after: { lifecycle: "concluded", version: 13 },
      requestId: "9d7f3c1e-4b2a-4e0f-9a51-0c3f2f6e8b11",
      clientRequestId: "desk-7f3a-retry-1",
    },
  });

export const AuditListSchema = z
  .object({ items: z.array(AuditRecordSchema).max(MAX_PAGE_SIZE), nextCursor: nextCursorField })
  .openapi("AuditList");
