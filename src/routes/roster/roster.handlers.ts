import { z } from "@hono/zod-openapi";
import { countStatusesOnStatement, type ListedRow, listPeriodsOnStatement, toListedRows } from "../../db/party-lists";
import type { Status } from "../../domain/statuses";
import { taggedJson } from "../../lib/etag";
import { decodeCursor, paginate } from "../../lib/pagination";
import { periodsOnAsRecorded } from "../../lib/party-history";
import { nameOf, periodOnDay } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetRoute } from "./roster.routes";

const RosterCursor = z.tuple([z.string(), z.string()]);

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { at, asRecordedOn, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, RosterCursor);
  const filter = { day: at, after: after && { status: after[0], id: after[1] }, limit, orderByStatus: true };
  const counts: Record<string, number> = {};
  let rows: ListedRow[];
  let record: { asRecordedOn: string; latestRecordedAt: string | null } | undefined;
  if (asRecordedOn) {
    // The record then has no status_counts of its own: the counts are the reported periods, counted
    // (asRecordedOn the latest moment equals the current roster: test/routes/status-events.corrections.test.ts).
    const then = await periodsOnAsRecorded(c.var.db, asRecordedOn, filter);
    for (const r of then.all) counts[r.period.status] = (counts[r.period.status] ?? 0) + 1;
    ({ rows, record } = then);
  } else {
    // One batch: both reads in one D1 round trip (and one snapshot), not two requests in parallel.
    const [page, countRows] = await c.var.db.$client.batch<Record<string, unknown>>([
      listPeriodsOnStatement(c.var.db, filter),
      countStatusesOnStatement(c.var.db, at),
    ]);
    for (const r of countRows!.results as { status: string; count: number | null }[])
      if (r.count) counts[r.status] = r.count;
    rows = toListedRows(page!.results);
  }
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
  return taggedJson(c, { at, counts, total, groups, nextCursor, ...(record && { record }) });
};
