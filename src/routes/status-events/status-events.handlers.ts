import { z } from "@hono/zod-openapi";
import { tagged } from "../../lib/etag";
import { decodeCursor, paginate } from "../../lib/pagination";
import { toWireEvent } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import { listEvents } from "./status-events.queries";
import type { ListRoute } from "./status-events.routes";

const EventCursor = z.tuple([z.string(), z.number().int()]);

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { party, status, kind, from, to, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, EventCursor);
  const rows = await listEvents(c.var.db, {
    party,
    status,
    kind,
    from,
    to,
    after: after && { windowStart: after[0], id: after[1] },
    limit,
  });
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.event.windowStart, r.event.id]);
  return c.json(tagged(c, { items: page.map((r) => toWireEvent(r.event, r.partyKind)), nextCursor }), 200);
};
