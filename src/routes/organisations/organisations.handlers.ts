import { z } from "@hono/zod-openapi";
import { attendancesOf } from "../../db/evidence";
import { getPartyWithEventsQuery, listPeriodsOn } from "../../db/parties";
import { tagged } from "../../lib/etag";
import { toWireAttendance } from "../../lib/evidence-schemas";
import { decodeCursor, paginate } from "../../lib/pagination";
import { loadPartyHistory, partyNotFound } from "../../lib/party-history";
import { identifiersOf, nameOf, namesOf, periodOnDay } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetAttendancesRoute, GetHistoryRoute, GetOneRoute, ListRoute } from "./organisations.routes";

const OrganisationCursor = z.tuple([z.string()]);

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { wikidata, at, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, OrganisationCursor);
  const rows = await listPeriodsOn(c.var.db, {
    kind: "organisation",
    wikidata,
    day: at,
    after: after && { id: after[0] },
    limit,
  });
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.party.id]);
  const lang = c.var.language;
  const items = page.map(({ party, period }) => ({
    id: party.id,
    name: nameOf(party, lang),
    fullName: party.fullNameEn,
    wikidata: party.wikidata,
    ...periodOnDay(period, at, party),
  }));
  return c.json(tagged(c, { at, items, nextCursor }), 200);
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
      identifiers: identifiersOf(party),
      current: statusOnDay,
      history,
    }),
    200,
  );
};

export const getHistory: AppRouteHandler<GetHistoryRoute> = async (c) => {
  const { party, history } = await loadPartyHistory(c.var.db, "organisation", c.req.valid("param").id);
  return c.json(tagged(c, { id: party.id, name: nameOf(party, c.var.language), ...history }), 200);
};

export const getAttendances: AppRouteHandler<GetAttendancesRoute> = async (c) => {
  const key = c.req.valid("param").id;
  const [found] = await getPartyWithEventsQuery(c.var.db, "organisation", key).limit(1);
  if (!found) throw partyNotFound("organisation", key);
  const rows = await attendancesOf(c.var.db, found.party.id);
  return c.json(tagged(c, { party: found.party.id, items: rows.map(toWireAttendance) }), 200);
};
