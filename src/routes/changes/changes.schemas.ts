import { z } from "@hono/zod-openapi";
import { MAX_PAGE_SIZE, PageQuery } from "../../lib/pagination";
import { int32, PATTERN, str, timestamp } from "../../lib/wire";

export const ChangesQuery = z.object({
  since: PageQuery.cursor.openapi({
    description: "The `cursor` of your last sync; omit it to read from the beginning",
    example: "WzEyMF0",
  }),
  limit: PageQuery.limit,
});

export const ChangeSchema = z
  .object({
    seq: int32(1).openapi({ description: "Position in the feed", example: 121 }),
    at: timestamp(),
    entityType: str(20).regex(PATTERN.entityType).openapi({ example: "agreement" }),
    entityId: str(200).regex(PATTERN.entityId).openapi({ example: "sco-asean-mou-2026" }),
    action: str(60).regex(PATTERN.action).openapi({ example: "agreement.concluded" }),
    data: z.unknown().openapi({ description: "The entity after the change" }),
  })
  .openapi("Change", {
    example: {
      seq: 121,
      at: "2026-12-10T08:15:02.120Z",
      entityType: "agreement",
      entityId: "sco-asean-culture-2026",
      action: "agreement.concluded",
      data: { lifecycle: "concluded" },
    },
  });

export const ChangeFeedSchema = z
  .object({
    items: z.array(ChangeSchema).max(MAX_PAGE_SIZE),
    cursor: str(512).regex(PATTERN.cursor).openapi({
      description: "Pass as `since` next time; it is returned even when there is nothing new",
      example: "WzEyMV0",
    }),
    hasMore: z
      .boolean()
      .openapi({ description: "More changes are waiting: call again with `since=cursor` now", example: false }),
  })
  .openapi("ChangeFeed");
