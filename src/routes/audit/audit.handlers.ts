import { z } from "@hono/zod-openapi";
import { decodeCursor, paginate } from "../../lib/pagination";
import type { AppRouteHandler } from "../../types";
import { listAudit } from "./audit.queries";
import type { ListRoute } from "./audit.routes";

const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { cursor, limit, ...filter } = c.req.valid("query");
  const afterId = decodeCursor(cursor, z.tuple([z.number().int()]))?.[0];
  const { page, nextCursor } = paginate(await listAudit(c.var.db, { ...filter, afterId, limit }), limit, (r) => [r.id]);
  const items = page.map((r) => ({
    id: r.id,
    at: r.at,
    actor: { keyId: r.actorKeyId, name: r.actorName },
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: parse(r.before),
    after: parse(r.after),
    requestId: r.requestId,
    clientRequestId: r.clientRequestId,
  }));
  return c.json({ items, nextCursor }, 200, { "Cache-Control": "no-store" });
};
