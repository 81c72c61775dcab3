import { z } from "@hono/zod-openapi";
import { PageQuery } from "../../lib/pagination";

export const ChangesQuery = z.object({
  since: PageQuery.cursor.openapi({ description: "The `cursor` of your last sync; omit it to read from the beginning", example: "WzEyMF0" }),
  limit: PageQuery.limit,
});

export const ChangeSchema = z
  .object({
    seq: z.number().int().openapi({ description: "Position in the feed", example: 121 }),
    at: z.string().openapi({ example: "2026-11-24T10:00:00.000Z" }),
    entityType: z.string().openapi({ example: "agreement" }),
    entityId: z.string().openapi({ example: "sco-asean-mou-2026" }),
    action: z.string().openapi({ example: "agreement.concluded" }),
    data: z.unknown().openapi({ description: "The entity after the change" }),
  })
  .openapi("Change");

export const ChangeFeedSchema = z
  .object({
    items: z.array(ChangeSchema),
    cursor: z.string().openapi({ description: "Pass as `since` next time; it is returned even when there is nothing new", example: "WzEyMV0" }),
    hasMore: z.boolean().openapi({ description: "More changes are waiting: call again with `since=cursor` now", example: false }),
  })
  .openapi("ChangeFeed");
