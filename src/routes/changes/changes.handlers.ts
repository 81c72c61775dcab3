import { z } from "@hono/zod-openapi";
import { taggedJson } from "../../lib/etag";
import { decodeCursor, encodeCursor } from "../../lib/pagination";
import type { AppRouteHandler } from "../../types";
import { listChanges } from "./changes.queries";
import type { ListRoute } from "./changes.routes";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { since, limit } = c.req.valid("query");
  const afterId = decodeCursor(since, z.tuple([z.number().int().min(0)]))?.[0] ?? 0;
  const rows = await listChanges(c.var.db, afterId, limit);
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    seq: r.id,
    at: r.at,
    entityType: r.entityType,
    entityId: r.entityId,
    action: r.action,
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  }));
  return taggedJson(
    c,
    { items, cursor: encodeCursor([page.at(-1)?.id ?? afterId]), hasMore: rows.length > limit },
    // Never kept fresh by any cache (the edge cache included): a writer that polls the feed right
    // after its write sees it. The ETag makes the revalidation a cheap 304.
    { "Cache-Control": "no-cache" },
  );
};
