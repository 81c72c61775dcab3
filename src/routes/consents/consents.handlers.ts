/** The member states' consents to an agreement: who must consent, recording and withdrawing decisions. */
import type { Db } from "../../db/client";
import { membersOn, resolveParties } from "../../db/parties";
import { acceptsConsents, consentBasis, consentReport, type Lifecycle, tallyConsents } from "../../domain/agreements";
import { today } from "../../domain/dates";
import { tagged } from "../../lib/etag";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { ApiError } from "../../lib/problem";
import { commitWrite, type Guard } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import type { AgreementRow } from "../agreements/agreements.queries";
import { basisDatesOf } from "../agreements/agreements.schemas";
import { agreementVersion, consistentAfter, date, loadAgreement } from "../agreements/agreements.service";
import {
  collectingConsents,
  consentExists,
  consentsOf,
  deleteConsent,
  memberOn,
  settleConsentLifecycle,
  upsertConsent,
} from "./consents.queries";
import type * as R from "./consents.routes";
import { toWireConsent } from "./consents.schemas";

const notCollecting = (id: string, lifecycle: string) =>
  new ApiError(409, {
    code: "not-collecting-consents",
    detail: `Agreement ${id} is ${lifecycle}; consents are recorded and withdrawn only while it is awaiting_consent or consented`,
  });

/** The guard that consents are still collected, with the lifecycle that stopped it in its error. */
function collecting(db: Db, id: string): Guard {
  return {
    condition: collectingConsents(id),
    error: async () => notCollecting(id, (await loadAgreement(db, id)).lifecycle),
  };
}

/** The agreement's consents as the answer to a consent write: the tally with `consent` applied. */
async function consentsAfter(
  db: Db,
  row: AgreementRow,
  now: string,
  change: { state: string; consent: Record<string, unknown> | null },
) {
  const before = await consentStatus(db, row, now);
  const kept = before.consents.filter((x) => x.state !== change.state);
  const consents = change.consent
    ? [...kept, { ...change.consent, recordedAt: new Date().toISOString() } as (typeof kept)[number]]
    : kept;
  consents.sort((a, b) => a.state.localeCompare(b.state));
  const tally = tallyConsents(before.required, consents);
  return { before, after: { ...before, ...tally, consentsRecorded: true, consents } };
}

/** Who must consent (on the consent basis), who did, and what is missing or not recorded. */
export async function consentStatus(db: Db, row: AgreementRow, now: string = today()) {
  const basis = consentBasis(basisDatesOf(row), now);
  const [required, consents] = await Promise.all([membersOn(db, basis.date), consentsOf(db, row.id)]);
  const report = consentReport(
    required,
    consents.map((x) => ({ state: x.stateId, decision: x.decision })),
    row.consentsRecorded,
  );
  return { agreementId: row.id, basis, ...report, consents: consents.map(toWireConsent) };
}

export const getConsents: AppRouteHandler<R.GetConsentsRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  return c.json(tagged(c, await consentStatus(c.var.db, row)), 200);
};

export const recordConsent: AppRouteHandler<R.RecordConsentRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const row = await loadAgreement(db, c.req.valid("param").id);
  const body = c.req.valid("json");
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  refuseBeyondHorizon(date(body.date), now);
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
  const consent = {
    agreementId: row.id,
    stateId: code,
    decision: body.decision,
    date: body.date,
    reference: body.reference ?? null,
    source: body.source ?? null,
  };
  const { before, after } = await consentsAfter(db, row, now, {
    state: code,
    consent: {
      state: code,
      decision: body.decision,
      date: body.date,
      reference: consent.reference,
      source: consent.source,
    },
  });
  // Checked by the settle itself (a gated write: six statements in all with an Idempotency-Key):
  // it bumps the agreement's version only where all three hold, so when one fails the version
  // record after it fails on agreement_versions' primary key. Evaluated after the upsert, on the row
  // before the settle: that consents are collected and that the state is a member read the same
  // after the settle (it moves the lifecycle only within the collecting ones, and touches no
  // status), and so does the agreement's consistency (a collecting agreement is unsigned, and the
  // settle changes none of its dates).
  const gate = [
    collecting(db, row.id),
    { condition: memberOn(code, body.date), error: notAMember },
    consistentAfter(row.id),
  ];
  return commitWrite(c, {
    statements: [
      upsertConsent(db, consent),
      settleConsentLifecycle(
        db,
        row.id,
        now,
        gate.map((g) => g.condition),
      ),
      agreementVersion(c, row.id),
    ],
    gated: { guards: gate, constraint: "agreementVersion" },
    record: {
      action: `agreement.${body.decision}_recorded`,
      entityType: "consent",
      entityId: `${row.id}/${code}`,
      before: before.consents.find((x) => x.state === code) ?? null,
      after: consent,
    },
    publicChange: true,
    status: 201,
    body: after,
  });
};

export const withdrawConsent: AppRouteHandler<R.WithdrawConsentRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const { id, state } = c.req.valid("param");
  const row = await loadAgreement(db, id);
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  const [hit] = await resolveParties(db, [state]);
  const code = hit?.party?.id ?? state.toUpperCase();
  const { before, after } = await consentsAfter(db, row, now, { state: code, consent: null });
  const withdrawn = before.consents.find((x) => x.state === code);
  const nothing = () =>
    new ApiError(404, {
      code: "not-found",
      detail: `${code} has no consent or objection on record for agreement ${row.id}`,
    });
  if (!withdrawn) throw nothing();
  return commitWrite(c, {
    preconditions: [collecting(db, row.id), { condition: consentExists(row.id, code), error: nothing }],
    // The agreement's consistency is checked by the settle (a gated write, as in recordConsent).
    statements: [
      deleteConsent(db, row.id, code),
      settleConsentLifecycle(db, row.id, now, [consistentAfter(row.id).condition]),
      agreementVersion(c, row.id),
    ],
    gated: { guards: [consistentAfter(row.id)], constraint: "agreementVersion" },
    record: {
      action: `agreement.${withdrawn.decision}_withdrawn`,
      entityType: "consent",
      entityId: `${row.id}/${code}`,
      before: withdrawn,
      after: null,
    },
    publicChange: true,
    status: 200,
    body: after,
  });
};
