/**
 * The department's writes to the Secretariat's posts. The rules of src/domain/secretariat.ts are
 * checked before the batch for a clear answer, and again inside it (guards), so two appointments
 * racing for the same years cannot both land.
 */

import type { Db } from "../../db/client";
import { getPartyPeriods, resolveParties } from "../../db/parties";
import {
  endTerm as endTermSql,
  findTerm,
  insertTerm,
  memberOnSql,
  memberPeriods,
  noOtherSgTerm,
  noOverlappingSg,
  type TermRow,
  termOpen,
} from "../../db/secretariat";
import { today, validPartialDate } from "../../domain/dates";
import type { Source } from "../../domain/evidence";
import { endsBeforeStart, exceedsTerm, latestEndDay, type TermDates } from "../../domain/secretariat";
import { toSource } from "../../lib/evidence-schemas";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { ApiError } from "../../lib/problem";
import { membersOn, termDates, toWireTerm } from "../../lib/secretariat";
import { commitWrite, type Guard } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import type * as R from "./secretariat.routes";

const date = validPartialDate;

const invalid = (code: string, path: string, detail: string) =>
  new ApiError(422, { code, detail, extra: { errors: [{ path, message: detail, code: "custom" }] } });

/** The term rule's refusals (422), shared by appointing and ending. */
function checkDates(post: string, t: TermDates) {
  if (endsBeforeStart(t))
    throw invalid("end-before-start", "end", `The end (${t.end!.value}) is before the start (${t.start.value})`);
  if (post === "secretary_general" && exceedsTerm(t)) {
    throw invalid(
      "term-too-long",
      "end",
      `A Secretary-General's term is a single term of three years: begun ${t.start.value}, it ends before ${latestEndDay(t.start)}, not ${t.end!.value}`,
    );
  }
}

const bounds = (t: TermDates) => ({ startWindowEnd: t.start.windowEnd, endWindowStart: t.end?.windowStart ?? null });

const overlapError = (id: string) =>
  new ApiError(409, {
    code: "term-overlap",
    detail: `Another Secretary-General's term overlaps ${id}: the post has one holder at a time`,
  });

/** The state's names, for the answer. */
async function stateNames(db: Db, code: string) {
  const found = await getPartyPeriods(db, "state", code);
  return found
    ? { nameEn: found.party.nameEn, nameRu: found.party.nameRu, nameZh: found.party.nameZh }
    : { nameEn: code, nameRu: code, nameZh: code };
}

export const appoint: AppRouteHandler<R.AppointRoute> = async (c) => {
  const db = c.var.db;
  const body = c.req.valid("json");
  const now = today();
  const t: TermDates = { start: date(body.start), end: body.end ? date(body.end) : null };
  refuseBeyondHorizon(t.start, now, "start");
  checkDates(body.post, t);
  if (await findTerm(db, body.id))
    throw new ApiError(409, { code: "duplicate", detail: `A term with id "${body.id}" already exists` });
  const [hit] = await resolveParties(db, [body.state]);
  const code = hit?.party?.kind === "state" ? hit.party.id : undefined;
  const members = membersOn(await memberPeriods(db), t.start.windowStart)
    .map((m) => m.id)
    .sort();
  const notAMember = () =>
    invalid(
      "not-a-member",
      "state",
      `${body.state.toUpperCase()} was not a member state on ${body.start}; the posts are held by citizens of member states (members then: ${members.join(", ")})`,
    );
  if (!code || !members.includes(code)) throw notAMember();
  const approval = body.approval ? date(body.approval) : null;
  const row: TermRow = {
    id: body.id,
    post: body.post,
    title: body.title ?? null,
    personId: body.person,
    nameEn: body.name.en,
    nameRu: body.name.ru ?? null,
    nameZh: body.name.zh ?? null,
    stateId: code,
    startDate: t.start.value,
    startPrecision: t.start.precision,
    startWindowStart: t.start.windowStart,
    startWindowEnd: t.start.windowEnd,
    endDate: t.end?.value ?? null,
    endPrecision: t.end?.precision ?? null,
    endWindowStart: t.end?.windowStart ?? null,
    endWindowEnd: t.end?.windowEnd ?? null,
    nominatedBy: body.nominatedBy ?? null,
    nominationDate: body.nomination ?? null,
    approvedBy: body.approvedBy ?? null,
    approvalDate: approval?.value ?? null,
    approvalPrecision: approval?.precision ?? null,
    approvalWindowEnd: approval?.windowEnd ?? null,
    approvalPlace: body.approvalPlace ?? null,
    exception: null,
    note: body.note ?? null,
    corrections: "[]",
    sources: JSON.stringify(body.sources.map(toSource)),
    version: 1,
    createdAt: new Date().toISOString(),
  };
  const guards: Guard[] = [{ condition: memberOnSql(code, t.start.windowStart), error: notAMember }];
  if (body.post === "secretary_general") {
    const extension = () =>
      new ApiError(409, {
        code: "no-extension",
        detail: `${body.person} already held the post of Secretary-General: the term is single, with no extension`,
      });
    guards.push(
      { condition: noOtherSgTerm(body.id, body.person), error: extension },
      { condition: noOverlappingSg(body.id, bounds(t)), error: () => overlapError(body.id) },
    );
  }
  const after = toWireTerm({ term: row, state: await stateNames(db, code) }, c.var.language);
  return commitWrite(c, {
    preconditions: guards,
    statements: [insertTerm(db, row)],
    record: { action: "secretariat.appointed", entityType: "secretariat_term", entityId: row.id, before: null, after },
    publicChange: true,
    status: 201,
    body: after,
    headers: { Location: `/v1/secretariat/terms/${row.id}` },
  });
};

export const endTerm: AppRouteHandler<R.EndTermRoute> = async (c) => {
  const db = c.var.db;
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const row = await findTerm(db, id);
  if (!row) throw new ApiError(404, { code: "not-found", detail: `No term "${id}"` });
  const closed = () => new ApiError(409, { code: "term-ended", detail: `The term ${id} has already ended` });
  if (row.endDate) throw closed();
  const end = date(body.end);
  const t: TermDates = { start: termDates(row).start, end };
  refuseBeyondHorizon(end, today(), "end");
  checkDates(row.post, t);
  const sources = JSON.stringify([...(JSON.parse(row.sources) as Source[]), ...(body.sources ?? []).map(toSource)]);
  const ended: TermRow = {
    ...row,
    endDate: end.value,
    endPrecision: end.precision,
    endWindowStart: end.windowStart,
    endWindowEnd: end.windowEnd,
    sources,
    version: row.version + 1,
  };
  const state = await stateNames(db, row.stateId);
  const before = toWireTerm({ term: row, state }, c.var.language);
  const after = toWireTerm({ term: ended, state }, c.var.language);
  return commitWrite(c, {
    preconditions: [{ condition: termOpen(id), error: closed }],
    statements: [endTermSql(db, id, end, sources)],
    record: { action: "secretariat.term_ended", entityType: "secretariat_term", entityId: id, before, after },
    publicChange: true,
    status: 200,
    body: after,
  });
};
