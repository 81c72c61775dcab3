/** The member states' consents to an agreement: who must consent, recording and withdrawing decisions. */
import { membersOn } from "../../db/parties";
import { acceptsConsents, type Lifecycle } from "../../domain/agreements";
import { today } from "../../domain/dates";
import { taggedJson } from "../../lib/etag";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import { agreementVersion, consistentAfter, date } from "../agreements/agreements.service";
import { consentExists, deleteConsent, memberOn, settleConsentLifecycle, upsertConsent } from "./consents.queries";
import type * as R from "./consents.routes";
import { collecting, consentsAfter, loadConsents, notCollecting } from "./consents.service";

export const getConsents: AppRouteHandler<R.GetConsentsRoute> = async (c) => {
  const { status } = await loadConsents(c.var.db, c.req.valid("param").id, today());
  return taggedJson(c, status);
};

export const recordConsent: AppRouteHandler<R.RecordConsentRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const body = c.req.valid("json");
  const { row, party, status: before } = await loadConsents(db, c.req.valid("param").id, now, body.state);
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  refuseBeyondHorizon(date(body.date), now);
  // Membership is the gate's to check; the members of that day are read only to say who they were.
  const notAMember = async () =>
    new ApiError(422, {
      code: "not-a-member",
      detail: `${body.state.toUpperCase()} was not a member state on ${body.date}; only member states consent (members then: ${(await membersOn(db, body.date)).join(", ")})`,
      extra: { errors: [{ path: "state", message: `not a member on ${body.date}`, code: "custom" }] },
    });
  if (party?.kind !== "state") throw await notAMember();
  const code = party.id;
  const consent = {
    agreementId: row.id,
    stateId: code,
    decision: body.decision,
    date: body.date,
    reference: body.reference ?? null,
    source: body.source ?? null,
  };
  const { reference, source } = consent;
  const after = consentsAfter(before, {
    state: code,
    consent: { state: code, decision: body.decision, date: body.date, reference, source },
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
  const { row, party, status: before } = await loadConsents(db, id, now, state);
  if (!acceptsConsents(row.lifecycle as Lifecycle)) throw notCollecting(row.id, row.lifecycle);
  const code = party?.id ?? state.toUpperCase();
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
    body: consentsAfter(before, { state: code, consent: null }),
  });
};
