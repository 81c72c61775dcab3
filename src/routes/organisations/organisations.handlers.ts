import { z } from "@hono/zod-openapi";
import { listPeriodsOn } from "../../db/parties";
import { tagged } from "../../lib/etag";
import { decodeCursor, paginate } from "../../lib/pagination";
import { loadPartyHistory, periodsOnAsRecorded } from "../../lib/party-history";
import { nameOf, namesOf, periodOnDay } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetHistoryRoute, GetOneRoute, ListRoute } from "./organisations.routes";

const OrganisationCursor = z.tuple([z.string()]);

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { at, asRecordedOn, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, OrganisationCursor);
  const filter = { kind: "organisation" as const, day: at, after: after && { id: after[0] }, limit };
  const { rows, record } = asRecordedOn
    ? await periodsOnAsRecorded(c.var.db, asRecordedOn, filter)
    : { rows: await listPeriodsOn(c.var.db, filter), record: undefined };
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.party.id]);
  const lang = c.var.language;
  const items = page.map(({ party, period }) => ({
    id: party.id,
    name: nameOf(party, lang),
    fullName: party.fullNameEn,
    ...periodOnDay(period, at),
  }));
  return c.json(tagged(c, { at, items, nextCursor, ...(record && { record }) }), 200);
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { party, history, statusOnDay } = await loadPartyHistory(c.var.db, "organisation", c.req.valid("param").id);
  const lang = c.var.language;
  return c.json(
    tagged(c, {
      id: party.id,
      name: nameOf(party, lang),
      fullName: party.fullNameEn,
      names: namesOf(party),
      current: statusOnDay,
      history,
    }),
    200,
  );
};

export const getHistory: AppRouteHandler<GetHistoryRoute> = async (c) => {
  const { asRecordedOn } = c.req.valid("query");
  const { party, history, corrections, record } = await loadPartyHistory(
    c.var.db,
    "organisation",
    c.req.valid("param").id,
    undefined,
    asRecordedOn,
    true,
  );
  const body = {
    id: party.id,
    name: nameOf(party, c.var.language),
    ...history,
    corrections,
    ...(record && { record }),
  };
  return c.json(tagged(c, body), 200);
};
