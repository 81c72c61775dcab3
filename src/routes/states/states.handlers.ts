import { z } from "@hono/zod-openapi";
import { attendancesOf } from "../../db/evidence";
import { getPartyPeriods } from "../../db/parties";
import { listPeriodsOn } from "../../db/party-lists";
import { termsOfState } from "../../db/secretariat";
import type { Source } from "../../domain/evidence";
import type { Post } from "../../domain/secretariat";
import type { Status } from "../../domain/statuses";
import { taggedJson } from "../../lib/etag";
import { toWireAttendance } from "../../lib/evidence-schemas";
import { decodeCursor, paginate } from "../../lib/pagination";
import { loadParty, loadPartyHistory, partyNotFound, periodsOnAsRecorded } from "../../lib/party-history";
import {
  identifiersOf,
  nameOf,
  namesOf,
  periodOnDay,
  statusOnDayFromPeriods,
  wireDateOf,
} from "../../lib/party-mappers";
import type { AppRouteHandler } from "../../types";
import type { GetAttendancesRoute, GetHistoryRoute, GetOneRoute, GetStatusRoute, ListRoute } from "./states.routes";

const StateCursor = z.tuple([z.string()]);

/** Written only by the data build from src/data/parties.json (FormerNameSeed). */
type FormerName = { name: { en: string; ru?: string; zh?: string }; until: string; sources: Source[] };

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { status, wikidata, at, asRecordedOn, limit, cursor } = c.req.valid("query");
  const after = decodeCursor(cursor, StateCursor);
  const filter = { kind: "state" as const, status, wikidata, day: at, after: after && { id: after[0] }, limit };
  const { rows, record } = asRecordedOn
    ? await periodsOnAsRecorded(c.var.db, asRecordedOn, filter)
    : { rows: await listPeriodsOn(c.var.db, filter), record: undefined };
  const { page, nextCursor } = paginate(rows, limit, (r) => [r.party.id]);
  const lang = c.var.language;
  const items = page.map(({ party, period }) => ({
    code: party.id,
    alpha2: party.alpha2,
    name: nameOf(party, lang),
    wikidata: party.wikidata,
    ...periodOnDay(period, at, party),
  }));
  return taggedJson(c, {
    at,
    status: (status as Status | undefined) ?? null,
    items,
    nextCursor,
    ...(record && { record }),
  });
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { asRecordedOn } = c.req.valid("query");
  const { party, history, statusOnDay, record } = await loadPartyHistory(
    c.var.db,
    "state",
    c.req.valid("param").code,
    undefined,
    asRecordedOn,
  );
  const lang = c.var.language;
  const secretariatPosts = (await termsOfState(c.var.db, party.id)).map((t) => ({
    termId: t.id,
    post: t.post as Post,
    title: t.title,
    name: lang === "ru" ? t.nameRu : lang === "zh" ? t.nameZh : t.nameEn,
    start: wireDateOf(t.startDate, t.startPrecision)!,
    end: wireDateOf(t.endDate, t.endPrecision),
  }));
  return taggedJson(c, {
    code: party.id,
    alpha2: party.alpha2,
    name: nameOf(party, lang),
    names: namesOf(party),
    commonName: party.commonNameEn,
    formerNames: JSON.parse(party.formerNames) as FormerName[],
    identifiers: identifiersOf(party),
    current: statusOnDay,
    history,
    ...(record && { record }),
    secretariatPosts,
  });
};

export const getStatus: AppRouteHandler<GetStatusRoute> = async (c) => {
  const { at, asRecordedOn } = c.req.valid("query");
  const { code } = c.req.valid("param");
  if (asRecordedOn) {
    const { party, statusOnDay, record } = await loadPartyHistory(c.var.db, "state", code, at, asRecordedOn);
    return taggedJson(c, { code: party.id, name: nameOf(party, c.var.language), ...statusOnDay, record });
  }
  const found = await getPartyPeriods(c.var.db, "state", code);
  if (!found) throw partyNotFound("state", code);
  return taggedJson(c, {
    code: found.party.id,
    name: nameOf(found.party, c.var.language),
    ...statusOnDayFromPeriods(found.periods, at, found.party),
  });
};

export const getHistory: AppRouteHandler<GetHistoryRoute> = async (c) => {
  const { asRecordedOn } = c.req.valid("query");
  const { party, history, corrections, record } = await loadPartyHistory(
    c.var.db,
    "state",
    c.req.valid("param").code,
    undefined,
    asRecordedOn,
    true,
  );
  return taggedJson(c, {
    code: party.id,
    name: nameOf(party, c.var.language),
    ...history,
    corrections,
    ...(record && { record }),
  });
};

export const getAttendances: AppRouteHandler<GetAttendancesRoute> = async (c) => {
  const party = await loadParty(c.var.db, "state", c.req.valid("param").code);
  const rows = await attendancesOf(c.var.db, party.id);
  return taggedJson(c, { party: party.id, items: rows.map(toWireAttendance) });
};
