import { z } from "@hono/zod-openapi";
import { attendancesOf } from "../../db/evidence";
import { listPeriodsOn } from "../../db/party-lists";
import { taggedJson } from "../../lib/etag";
import { toWireAttendance } from "../../lib/evidence-schemas";
import { decodeCursor, paginate } from "../../lib/pagination";
import { loadParty, loadPartyHistory, periodsOnAsRecorded } from "../../lib/party-history";
import { identifiersOf, nameOf, namesOf, periodOnDay } from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetAttendancesRoute, GetHistoryRoute, GetOneRoute, ListRoute } from "./organisations.routes";

const OrganisationCursor = z.tuple([z.string()]);

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { wikidata, at, asRecordedOn, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, OrganisationCursor);
  const filter = { kind: "organisation" as const, wikidata, day: at, after: after && { id: after[0] }, limit };
  const { rows, record } = asRecordedOn
    ? await periodsOnAsRecorded(c.var.db, asRecordedOn, filter)
    : { rows: await listPeriodsOn(c.var.db, filter), record: undefined };
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.party.id]);
  const lang = c.var.language;
  const items = page.map(({ party, period }) => ({
    id: party.id,
    name: nameOf(party, lang),
    fullName: party.fullNameEn,
    wikidata: party.wikidata,
    ...periodOnDay(period, at, party),
  }));
  return taggedJson(c, { at, items, nextCursor, ...(record && { record }) });
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { asRecordedOn } = c.req.valid("query");
  const { party, history, statusOnDay, record } = await loadPartyHistory(
    c.var.db,
    "organisation",
    c.req.valid("param").id,
    undefined,
    asRecordedOn,
  );
  const lang = c.var.language;
  return taggedJson(c, {
    id: party.id,
    name: nameOf(party, lang),
    fullName: party.fullNameEn,
    names: namesOf(party),
    identifiers: identifiersOf(party),
    current: statusOnDay,
    history,
    ...(record && { record }),
  });
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
  return taggedJson(c, body);
};

export const getAttendances: AppRouteHandler<GetAttendancesRoute> = async (c) => {
  const party = await loadParty(c.var.db, "organisation", c.req.valid("param").id);
  const rows = await attendancesOf(c.var.db, party.id);
  return taggedJson(c, { party: party.id, items: rows.map(toWireAttendance) });
};
