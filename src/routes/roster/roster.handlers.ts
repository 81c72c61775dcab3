import { z } from "@hono/zod-openapi";
import { countStatusesOn, listPeriodsOn } from "../../db/parties";
import type { Status } from "../../domain/statuses";
import { tagged } from "../../lib/etag";
import { decodeCursor, paginate } from "../../lib/pagination";
import { nameOf, periodOnDay } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetRoute } from "./roster.routes";

const RosterCursor = z.tuple([z.string(), z.string()]);

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { at, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, RosterCursor);
  const [rows, countRows] = await Promise.all([
    listPeriodsOn(c.var.db, {
      day: at,
      after: after && { status: after[0], id: after[1] },
      limit,
      orderByStatus: true,
    }),
    countStatusesOn(c.var.db, at),
  ]);
  const counts: Record<string, number> = {};
  for (const r of countRows) if (r.count) counts[r.status] = r.count;
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.period.status, r.party.id]);
  const lang = c.var.language;
  const groups: { status: Status; count: number; items: ReturnType<typeof entry>[] }[] = [];
  const entry = (r: (typeof page)[number]) => {
    const { status: _status, ...onDay } = periodOnDay(r.period, at, r.party);
    return { id: r.party.id, kind: r.party.kind, name: nameOf(r.party, lang), ...onDay };
  };
  for (const r of page) {
    const status = r.period.status as Status;
    let group = groups.at(-1);
    if (!group || group.status !== status) {
      group = { status, count: counts[status] ?? 0, items: [] };
      groups.push(group);
    }
    group.items.push(entry(r));
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return c.json(tagged(c, { at, counts, total, groups, nextCursor }), 200);
};
