/** Consents and the lifecycle steps after them: conclusion, entry into force, termination. */
import { acceptsConsents, canTransition, tallyConsents, type Lifecycle } from "../../domain/agreements";
import { parsePartialDate, type PartialDate } from "../../domain/dates";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import { consentStatus, loadAgreement } from "./agreements.handlers";
import { consentsOf, membersOn, resolveParties, settleConsentLifecycle, updateAgreement, upsertConsent, type AgreementRow } from "./agreements.queries";
import type { ConcludeRoute, EnterIntoForceRoute, RecordConsentRoute, TerminateRoute } from "./agreements.routes";
import { checkIfMatch, commitAgreementChange, transitionError } from "./agreements.writes";

const day = (v: string) => parsePartialDate(v) as PartialDate;

export const recordConsent: AppRouteHandler<RecordConsentRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  const body = c.req.valid("json");
  if (!acceptsConsents(row.lifecycle as Lifecycle)) {
    throw new ApiError(409, { code: "not-collecting-consents", detail: `Agreement ${row.id} is ${row.lifecycle}; consents are recorded while it is awaiting_consent or consented` });
  }
  const [hit] = await resolveParties(db, [body.state]);
  const code = hit?.party?.kind === "state" ? hit.party.id : undefined;
  const membersThen = await membersOn(db, body.date);
  if (!code || !membersThen.includes(code)) {
    throw new ApiError(422, {
      code: "not-a-member",
      detail: `${body.state.toUpperCase()} was not a member state on ${body.date}; only member states consent (members then: ${membersThen.join(", ")})`,
      extra: { errors: [{ path: "state", message: `not a member on ${body.date}`, code: "custom" }] },
    });
  }
  // The members who must consent (on the date of conclusion) come with the current tally.
  const before = await consentStatus(db, row);
  const required = before.required;
  const consent = { agreementId: row.id, stateId: code, decision: body.decision, date: body.date, reference: body.reference ?? null, source: body.source ?? null };
  const others = before.consents.filter((x) => x.state !== code).map((x) => ({ state: x.state, decision: x.decision }));
  const tally = tallyConsents(required, [...others, { state: code, decision: body.decision }]);
  const after = { ...before, ...tally, consents: [...before.consents.filter((x) => x.state !== code), { ...consent, state: code, recordedAt: new Date().toISOString() }].sort((a, b) => a.state.localeCompare(b.state)) };
  return commitWrite(c, {
    statements: [upsertConsent(db, consent), settleConsentLifecycle(db, row.id, required)],
    record: { action: `agreement.${body.decision}_recorded`, entityType: "consent", entityId: `${row.id}/${code}`, before: before.consents.find((x) => x.state === code) ?? null, after: consent },
    publicChange: true,
    status: 201,
    body: after,
  });
};

function requireTransition(row: AgreementRow, to: Lifecycle) {
  if (!canTransition(row.lifecycle as Lifecycle, to)) throw transitionError(row, to);
}

export const conclude: AppRouteHandler<ConcludeRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  checkIfMatch(c, row);
  requireTransition(row, "concluded");
  const body = c.req.valid("json");
  const [required, consents] = await Promise.all([membersOn(db, body.date), consentsOf(db, row.id)]);
  const tally = tallyConsents(required, consents.map((x) => ({ state: x.stateId, decision: x.decision })));
  if (!tally.complete) {
    throw new ApiError(409, {
      code: "consents-missing",
      detail: `Concluding on ${body.date} needs the consent of all ${required.length} member states of that day; missing: ${tally.missing.join(", ") || "none"}; objecting: ${tally.objecting.join(", ") || "none"}`,
      extra: { required: tally.required, missing: tally.missing, objecting: tally.objecting },
    });
  }
  const signed = day(body.date);
  const set = {
    lifecycle: "concluded",
    signedDate: signed.value,
    signedPrecision: signed.precision,
    signedWindowStart: signed.windowStart,
    ...(body.place && { place: body.place }),
    ...(body.signatories && { signatories: JSON.stringify(body.signatories) }),
  };
  return commitAgreementChange(c, row, "agreement.concluded", [updateAgreement(db, row.id, set)], { ...row, ...set, version: row.version + 1 });
};

function stepAfterSignature(to: "in_force" | "terminated" | "expired", date: string, row: AgreementRow) {
  requireTransition(row, to);
  if (row.signedWindowStart && date < row.signedWindowStart) {
    throw new ApiError(422, { code: "date-before-signature", detail: `${date} is before the agreement was signed (${row.signedDate})`, extra: { errors: [{ path: "date", message: "before the signed date", code: "custom" }] } });
  }
  const d = day(date);
  return to === "in_force" ? { lifecycle: to, inForceDate: d.value, inForcePrecision: d.precision } : { lifecycle: to, endedDate: d.value, endedPrecision: d.precision };
}

export const enterIntoForce: AppRouteHandler<EnterIntoForceRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const set = stepAfterSignature("in_force", c.req.valid("json").date, row);
  return commitAgreementChange(c, row, "agreement.entered_into_force", [updateAgreement(c.var.db, row.id, set)], { ...row, ...set, version: row.version + 1 });
};

export const terminate: AppRouteHandler<TerminateRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const body = c.req.valid("json");
  const set = stepAfterSignature(body.outcome, body.date, row);
  return commitAgreementChange(c, row, `agreement.${body.outcome}`, [updateAgreement(c.var.db, row.id, set)], { ...row, ...set, version: row.version + 1 });
};
