/**
 * The agreements' multi-step writes: load, check the version and the lifecycle, decide with the
 * domain's rules, and commit guarded by the same rules in SQL (src/lib/write.ts) so that a
 * concurrent write cannot slip past what was checked.
 */

import type { Context } from "hono";
import type { Db } from "../../db/client";
import { membersOn, resolveParties } from "../../db/parties";
import { agreements } from "../../db/schema";
import { decodeRecord, recordAgreementVersion, versionsOfAgreement } from "../../db/versions";
import {
  allowedTransitions,
  canTransition,
  checkConclusion,
  datesOutOfOrder,
  isSigned,
  type Lifecycle,
} from "../../domain/agreements";
import { today, validPartialDate } from "../../domain/dates";
import type { Source } from "../../domain/evidence";
import { isRecordedAt } from "../../domain/recorded";
import { recordField, refuseBeforeRecord } from "../../lib/as-recorded";
import { type SourceInputT, toSource } from "../../lib/evidence-schemas";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { ApiError } from "../../lib/problem";
import { commitWrite, type Guard } from "../../lib/write";
import type { AppBindings } from "../../types";
import { consentsOf } from "../consents/consents.queries";
import {
  type AgreementRow,
  agreementConsistent,
  type CounterpartyRow,
  counterpartiesOf,
  findAgreement,
  updateAgreement,
  versionIs,
} from "./agreements.queries";
import { agreementDatesOf, agreementEtag, toWireAgreement } from "./agreements.schemas";

/** The department's edits of agreements: drafting and changing details. */

export const date = validPartialDate;

export async function resolveCounterparties(db: Db, refs: string[]) {
  const resolved = await resolveParties(db, refs);
  const unknown = resolved.filter((r) => !r.party).map((r) => r.ref);
  if (unknown.length > 0) {
    throw new ApiError(422, {
      code: "unknown-counterparty",
      detail: `Unknown counterparties: ${unknown.join(", ")}`,
      extra: {
        errors: unknown.map((u) => ({ path: "counterparties", message: `unknown party "${u}"`, code: "custom" })),
      },
    });
  }
  const parties = resolved.map((r) => r.party!);
  return [...new Map(parties.map((p) => [p.id, { agreementId: "", ...p }])).values()];
}

/** If-Match is required and must name the version read (428 without it, 412 when stale). */
export function checkIfMatch(c: Context<AppBindings>, row: AgreementRow) {
  const header = c.req.header("If-Match");
  if (!header)
    throw new ApiError(428, {
      code: "if-match-required",
      detail: `Send If-Match: ${agreementEtag(row.version)} (the ETag you read) to change this agreement`,
    });
  const tags = header.split(",").map((t) => t.trim());
  if (!tags.includes("*") && !tags.includes(agreementEtag(row.version))) throw staleError(row.id);
}

export const staleError = (id: string) =>
  new ApiError(412, {
    code: "stale-version",
    detail: `Agreement ${id} changed since you read it: reload it and retry with its new ETag`,
  });

export function transitionError(row: AgreementRow, to: Lifecycle) {
  const allowed = allowedTransitions(row.lifecycle as Lifecycle);
  return new ApiError(409, {
    code: "illegal-transition",
    detail: `An agreement cannot go from ${row.lifecycle} to ${to}; allowed from ${row.lifecycle}: ${allowed.join(", ") || "none"}`,
    extra: { from: row.lifecycle, to, allowed },
  });
}

/**
 * The statement that records the agreement's row, as the batch leaves it, as its next version
 * (src/db/versions.ts): part of every batch that writes the agreements row, after the writes.
 */
export function agreementVersion(
  c: Context<AppBindings>,
  id: string,
  action: "recorded" | "change" | "correction" = "change",
  why: { reason: string; sources: Source[] } = { reason: "", sources: [] },
) {
  return recordAgreementVersion(c.var.db, id, action, {
    now: new Date().toISOString(),
    reason: why.reason || null,
    actorKeyId: c.var.actor.keyId,
    actorName: c.var.actor.name,
    sources: why.sources,
  });
}

/** The postcondition of every agreement write: the row it leaves satisfies every invariant. */
export const consistentAfter = (id: string): Guard => ({
  condition: agreementConsistent(id),
  error: () =>
    new ApiError(409, {
      code: "concurrent-change",
      detail: `Agreement ${id} changed while this write ran (a consent, an objection or a membership change), and the write would leave it inconsistent; reload it and retry`,
    }),
});

/**
 * Commits an agreement change guarded by the version read (and any further `preconditions`),
 * checks the agreement's invariants on the state it leaves, and answers with the new state.
 */
export async function commitAgreementChange(
  c: Context<AppBindings>,
  row: AgreementRow,
  action: string,
  statements: Parameters<typeof commitWrite>[1]["statements"],
  predicted: AgreementRow,
  newCounterparties?: CounterpartyRow[],
  guards: { preconditions?: Guard[]; version?: ReturnType<typeof agreementVersion> } = {},
) {
  const cps = await counterpartiesOf(c.var.db, [row.id]);
  const after = toWireAgreement(predicted, newCounterparties ?? cps);
  return commitWrite(c, {
    preconditions: [
      { condition: versionIs(row.id, row.version), error: () => staleError(row.id) },
      ...(guards.preconditions ?? []),
    ],
    statements: [...statements, guards.version ?? agreementVersion(c, row.id)],
    postconditions: [consistentAfter(row.id)],
    record: { action, entityType: "agreement", entityId: row.id, before: toWireAgreement(row, cps), after },
    publicChange: true,
    status: 200,
    body: after,
    headers: { ETag: agreementEtag(predicted.version) },
  });
}

export const noSuchAgreement = (id: string) =>
  new ApiError(404, { code: "not-found", detail: `No agreement with id "${id}"` });

export async function loadAgreement(db: Db, id: string): Promise<AgreementRow> {
  const row = await findAgreement(db, id);
  if (!row) throw noSuchAgreement(id);
  return row;
}

export function requireTransition(row: AgreementRow, to: Lifecycle) {
  if (!canTransition(row.lifecycle as Lifecycle, to)) throw transitionError(row, to);
}

/** Why an agreement cannot be concluded on `date`, or null when it can. */
export async function conclusionProblem(db: Db, row: AgreementRow, date: string): Promise<ApiError | null> {
  const [required, consents] = await Promise.all([membersOn(db, date), consentsOf(db, row.id)]);
  const check = checkConclusion(
    required,
    consents.map((x) => ({ state: x.stateId, decision: x.decision, date: x.date })),
    date,
  );
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
      extra: {
        errors: [{ path: "date", message: "before a required consent", code: "custom" }],
        consentedAfter: check.consentedAfter,
      },
    });
  }
  return null;
}

/**
 * The step's fields, refused with 422 when its date would put the agreement's dates out of order, or
 * lies more than a year ahead: an entry into force or an end that far off is a plan (an expiry the
 * agreement provides for), not a fact, and recorded it would show the step taken from today on.
 */
export function stepAfterSignature(to: "in_force" | "terminated" | "expired", day: string, row: AgreementRow) {
  requireTransition(row, to);
  const d = date(day);
  const set =
    to === "in_force"
      ? { lifecycle: to, inForceDate: d.value, inForcePrecision: d.precision }
      : { lifecycle: to, endedDate: d.value, endedPrecision: d.precision };
  const problems = datesOutOfOrder(agreementDatesOf({ ...row, ...set }));
  if (problems.length > 0) {
    throw new ApiError(422, {
      code: "dates-out-of-order",
      detail: problems.join("; "),
      extra: { errors: problems.map((message) => ({ path: "date", message, code: "custom" })) },
    });
  }
  refuseBeyondHorizon(d, today());
  return set;
}

/** The agreement as recorded at `at` (its version open then); 404 when it was not recorded yet. */
export async function agreementAsRecorded(db: Db, id: string, at: string) {
  const versions = await versionsOfAgreement(db, id, at);
  const open = versions.find((v) => isRecordedAt(v, at));
  if (!open) await refuseBeforeRecord(db, at);
  if (!open)
    throw new ApiError(404, { code: "not-found", detail: `No agreement with id "${id}" was recorded by ${at}` });
  return { row: decodeRecord(agreements, open.record), record: recordField(versions, at) };
}

type DateField = "proposed" | "signed" | "inForce" | "ended";
const DATE_FIELDS: DateField[] = ["proposed", "signed", "inForce", "ended"];

/**
 * A correction of an agreement's recorded dates: only a date already recorded may be corrected (a
 * date not yet recorded is set by its step), the corrected dates must stay in order, and a
 * corrected signature must still follow the consents of the members of its day. Versioned with
 * its reason and sources (agreement_versions), guarded by the version read like every change.
 */
export async function correctDates(
  c: Context<AppBindings>,
  row: AgreementRow,
  body: Partial<Record<DateField, string>> & { reason: string; sources: SourceInputT[] },
) {
  const sent = DATE_FIELDS.filter((f) => body[f] !== undefined);
  const invalid = (errors: { path: string; message: string }[], detail: string, code = "invalid-correction") =>
    new ApiError(422, { code, detail, extra: { errors: errors.map((e) => ({ ...e, code: "custom" })) } });
  if (sent.length === 0)
    throw invalid([{ path: "body", message: "no date sent" }], "Send at least one date to correct");
  const set: Partial<AgreementRow> = {};
  for (const f of sent) {
    if (row[`${f}Date`] === null)
      throw invalid(
        [{ path: f, message: "not recorded" }],
        `Agreement ${row.id} has no ${f} date to correct; record it with its step`,
        "date-not-recorded",
      );
    const d = date(body[f]!);
    refuseBeyondHorizon(d, today());
    set[`${f}Date`] = d.value;
    set[`${f}Precision`] = d.precision;
    if (f === "signed") set.signedWindowStart = d.windowStart;
  }
  const corrected = { ...row, ...set };
  if (
    sent.every((f) => corrected[`${f}Date`] === row[`${f}Date`] && corrected[`${f}Precision`] === row[`${f}Precision`])
  )
    throw invalid(
      [{ path: "body", message: "nothing to correct" }],
      "The correction changes none of the agreement's dates",
      "no-change",
    );
  const problems = datesOutOfOrder(agreementDatesOf(corrected));
  if (problems.length > 0)
    throw invalid(
      problems.map((message) => ({ path: "body", message })),
      problems.join("; "),
      "dates-out-of-order",
    );
  if (set.signedDate && row.consentsRecorded && isSigned(row.lifecycle as Lifecycle)) {
    const problem = await conclusionProblem(c.var.db, row, set.signedDate);
    if (problem) throw problem;
  }
  const why = { reason: body.reason, sources: body.sources.map(toSource) };
  return commitAgreementChange(
    c,
    row,
    "correction",
    [updateAgreement(c.var.db, row.id, set)],
    { ...corrected, version: row.version + 1 },
    undefined,
    { version: agreementVersion(c, row.id, "correction", why) },
  );
}
