/**
 * Consents and the lifecycle steps after them: conclusion, entry into force, termination. Each
 * write re-checks inside its batch what it decided on (src/lib/write.ts guards): a consent lands
 * only while consents are collected, a conclusion only while the consents are complete on its date,
 * and every write leaves the agreement consistent (agreementConsistent).
 */
import {
  acceptsConsents,
  canTransition,
  checkConclusion,
  datesOutOfOrder,
  tallyConsents,
  type Lifecycle,
} from "../../domain/agreements";
import { isBeyondHorizon, parsePartialDate, today, type PartialDate } from "../../domain/dates";
import { resolveParties } from "../../db/parties";
import { ApiError } from "../../lib/problem";
import { commitWrite, type Guard } from "../../lib/write";
import type { Db } from "../../db/client";
import type { AppRouteHandler } from "../../types";
import { consentStatus, loadAgreement } from "./agreements.handlers";
import { agreementDatesOf } from "./agreements.mappers";
import {
  collectingConsents,
  conclusionAllowedSql,
  consentExists,
  consentsOf,
  deleteConsent,
  memberOn,
  membersOn,
 
  settleConsentLifecycle,
  updateAgreement,
  upsertConsent,
  type AgreementRow,
} from "./agreements.queries";
import type { ConcludeRoute, EnterIntoForceRoute, RecordConsentRoute, TerminateRoute, WithdrawConsentRoute } from "./agreements.routes";
import { checkIfMatch, commitAgreementChange, consistentAfter, transitionError } from "./agreements.writes";

const day = (v: string) => parsePartialDate(v) as PartialDate;

const notCollecting = (id: string, lifecycle: string) =>
  new ApiError(409, {
    code: "not-collecting-consents",
    detail: `Agreement ${id} is ${lifecycle}; consents are recorded and withdrawn only while it is awaiting_consent or consented`,
  });

/** A consent's or step's date may not lie more than a year ahead of today. */
function refuseBeyondHorizon(date: string, now: string) {
  if (isBeyondHorizon(day(date), now)) {
    throw new ApiError(422, {
      code: "date-beyond-horizon",
      detail: `${date} is more than a year ahead of today (${now}); record facts, not plans`,
      extra: { errors: [{ path: "date", message: "more than a year ahead", code: "custom" }] },
    });
  }
}

/** The guard that consents are still collected, with the lifecycle that stopped it in its error. */
function collecting(db: Db, id: string): Guard {
  return { condition: collectingConsents(id), error: async () => notCollecting(id, (await loadAgreement(db, id)).lifecycle) };
}

/** The agreement's consents as the answer to a consent write: the tally with `consent` applied. */
async function consentsAfter(db: Db, row: AgreementRow, now: string, change: { state: string; consent: Record<string, unknown> | null }) {
  const before = await consentStatus(db, row, now);
  const kept = before.consents.filter((x) => x.state !== change.state);
  const consents = change.consent ? [...kept, { ...change.consent, recordedAt: new Date().toISOString() } as (typeof kept)[number]] : kept;
  consents.sort((a, b) => a.state.localeCompare(b.state));
  const tally = tallyConsents(before.required, consents);
  return { before, after: { ...before, ...tally, consentsRecorded: true, consents } };
}

export const recordConsent: AppRouteHandler<RecordConsentRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const row = await loadAgreement(db, c.req.valid("param").id);
  const body = c.req.valid("json");
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  refuseBeyondHorizon(body.date, now);
  const [hit] = await resolveParties(db, [body.state]);
  const code = hit?.party?.kind === "state" ? hit.party.id : undefined;
  const membersThen = await membersOn(db, body.date);
  const notAMember = () =>
    new ApiError(422, {
      code: "not-a-member",
      detail: `${body.state.toUpperCase()} was not a member state on ${body.date}; only member states consent (members then: ${membersThen.join(", ")})`,
      extra: { errors: [{ path: "state", message: `not a member on ${body.date}`, code: "custom" }] },
    });
  if (!code || !membersThen.includes(code)) throw notAMember();
  const consent = { agreementId: row.id, stateId: code, decision: body.decision, date: body.date, reference: body.reference ?? null, source: body.source ?? null };
  const { before, after } = await consentsAfter(db, row, now, { state: code, consent: { state: code, decision: body.decision, date: body.date, reference: consent.reference, source: consent.source } });
  return commitWrite(c, {
    preconditions: [collecting(db, row.id), { condition: memberOn(code, body.date), error: notAMember }],
    statements: [upsertConsent(db, consent), settleConsentLifecycle(db, row.id, now)],
    postconditions: [consistentAfter(row.id)],
    record: { action: `agreement.${body.decision}_recorded`, entityType: "consent", entityId: `${row.id}/${code}`, before: before.consents.find((x) => x.state === code) ?? null, after: consent },
    publicChange: true,
    status: 201,
    body: after,
  });
};

export const withdrawConsent: AppRouteHandler<WithdrawConsentRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const { id, state } = c.req.valid("param");
  const row = await loadAgreement(db, id);
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  const [hit] = await resolveParties(db, [state]);
  const code = hit?.party?.id ?? state.toUpperCase();
  const { before, after } = await consentsAfter(db, row, now, { state: code, consent: null });
  const withdrawn = before.consents.find((x) => x.state === code);
  const nothing = () => new ApiError(404, { code: "not-found", detail: `${code} has no consent or objection on record for agreement ${row.id}` });
  if (!withdrawn) throw nothing();
  return commitWrite(c, {
    preconditions: [collecting(db, row.id), { condition: consentExists(row.id, code), error: nothing }],
    statements: [deleteConsent(db, row.id, code), settleConsentLifecycle(db, row.id, now)],
    postconditions: [consistentAfter(row.id)],
    record: { action: `agreement.${withdrawn.decision}_withdrawn`, entityType: "consent", entityId: `${row.id}/${code}`, before: withdrawn, after: null },
    publicChange: true,
    status: 200,
    body: after,
  });
};

function requireTransition(row: AgreementRow, to: Lifecycle) {
  if (!canTransition(row.lifecycle as Lifecycle, to)) throw transitionError(row, to);
}

/** Why an agreement cannot be concluded on `date`, or null when it can. */
async function conclusionProblem(db: Db, row: AgreementRow, date: string): Promise<ApiError | null> {
  const [required, consents] = await Promise.all([membersOn(db, date), consentsOf(db, row.id)]);
  const check = checkConclusion(required, consents.map((x) => ({ state: x.stateId, decision: x.decision, date: x.date })), date);
  if (!check.complete) {
    return new ApiError(409, {
      code: "consents-missing",
      detail: `Concluding on ${date} needs the consent of all ${required.length} member states of that day; missing: ${check.missing.join(", ") || "none"}; objecting: ${check.objecting.join(", ") || "none"}`,
      extra: { required: check.required, missing: check.missing, objecting: check.objecting },
    });
  }
  if (!check.allowed) {
    return new ApiError(422, {
      code: "conclusion-before-consents",
      detail: `${date} is before the consents of ${check.consentedAfter.join(", ")}: an agreement is concluded after the member states consented`,
      extra: { errors: [{ path: "date", message: "before a required consent", code: "custom" }], consentedAfter: check.consentedAfter },
    });
  }
  return null;
}

export const conclude: AppRouteHandler<ConcludeRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  checkIfMatch(c, row);
  requireTransition(row, "concluded");
  const body = c.req.valid("json");
  refuseBeyondHorizon(body.date, today());
  const problem = await conclusionProblem(db, row, body.date);
  if (problem) throw problem;
  const signed = day(body.date);
  const set = {
    lifecycle: "concluded",
    signedDate: signed.value,
    signedPrecision: signed.precision,
    signedWindowStart: signed.windowStart,
    ...(body.place && { place: body.place }),
    ...(body.signatories && { signatories: JSON.stringify(body.signatories) }),
  };
  const stillAllowed: Guard = {
    condition: conclusionAllowedSql(row.id, body.date),
    error: async () => (await conclusionProblem(db, row, body.date)) ?? new ApiError(409, { code: "consents-changed", detail: "The consents changed while concluding; reload and retry" }),
  };
  return commitAgreementChange(c, row, "agreement.concluded", [updateAgreement(db, row.id, set)], { ...row, ...set, version: row.version + 1 }, undefined, {
    preconditions: [stillAllowed],
  });
};

/** The step's fields, refused with 422 when its date would put the agreement's dates out of order. */
function stepAfterSignature(to: "in_force" | "terminated" | "expired", date: string, row: AgreementRow) {
  requireTransition(row, to);
  const d = day(date);
  const set = to === "in_force" ? { lifecycle: to, inForceDate: d.value, inForcePrecision: d.precision } : { lifecycle: to, endedDate: d.value, endedPrecision: d.precision };
  const problems = datesOutOfOrder(agreementDatesOf({ ...row, ...set }));
  if (problems.length > 0) {
    throw new ApiError(422, { code: "dates-out-of-order", detail: problems.join("; "), extra: { errors: problems.map((message) => ({ path: "date", message, code: "custom" })) } });
  }
  return set;
}

export const enterIntoForce: AppRouteHandler<EnterIntoForceRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const { date } = c.req.valid("json");
  const set = stepAfterSignature("in_force", date, row);
  refuseBeyondHorizon(date, today());
  return commitAgreementChange(c, row, "agreement.entered_into_force", [updateAgreement(c.var.db, row.id, set)], { ...row, ...set, version: row.version + 1 });
};

export const terminate: AppRouteHandler<TerminateRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const body = c.req.valid("json");
  const set = stepAfterSignature(body.outcome, body.date, row);
  return commitAgreementChange(c, row, `agreement.${body.outcome}`, [updateAgreement(c.var.db, row.id, set)], { ...row, ...set, version: row.version + 1 });
};
