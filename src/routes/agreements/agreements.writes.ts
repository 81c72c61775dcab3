/** The department's edits of agreements: drafting and changing details. */
import { parsePartialDate, type PartialDate } from "../../domain/dates";
import { allowedTransitions, canTransition, counterpartiesEditable, type Lifecycle } from "../../domain/agreements";
import { randomId } from "../../lib/crypto";
import { ApiError } from "../../lib/problem";
import { commitWrite, type Guard } from "../../lib/write";
import type { Db } from "../../db/client";
import type { AppRouteHandler } from "../../types";
import type { Context } from "hono";
import type { AppBindings } from "../../types";
import { loadAgreement } from "./agreements.handlers";
import { agreementEtag, toWireAgreement } from "./agreements.mappers";
import { agreementConsistent, counterpartiesOf, deleteCounterparties, findAgreement, insertAgreement, insertCounterparties, resolveParties, updateAgreement, versionIs, type AgreementRow, type CounterpartyRow } from "./agreements.queries";
import type { CreateRoute, UpdateRoute } from "./agreements.routes";

const date = (v: string) => parsePartialDate(v) as PartialDate;

export async function resolveCounterparties(db: Db, refs: string[]) {
  const resolved = await resolveParties(db, refs);
  const unknown = resolved.filter((r) => !r.party).map((r) => r.ref);
  if (unknown.length > 0) {
    throw new ApiError(422, { code: "unknown-counterparty", detail: `Unknown counterparties: ${unknown.join(", ")}`, extra: { errors: unknown.map((u) => ({ path: "counterparties", message: `unknown party "${u}"`, code: "custom" })) } });
  }
  const parties = resolved.map((r) => r.party!);
  return [...new Map(parties.map((p) => [p.id, { agreementId: "", ...p }])).values()];
}

/** If-Match is required and must name the version read (428 without it, 412 when stale). */
export function checkIfMatch(c: Context<AppBindings>, row: AgreementRow) {
  const header = c.req.header("If-Match");
  if (!header) throw new ApiError(428, { code: "if-match-required", detail: `Send If-Match: ${agreementEtag(row.version)} (the ETag you read) to change this agreement` });
  const tags = header.split(",").map((t) => t.trim());
  if (!tags.includes("*") && !tags.includes(agreementEtag(row.version))) throw staleError(row.id);
}

export const staleError = (id: string) =>
  new ApiError(412, { code: "stale-version", detail: `Agreement ${id} changed since you read it: reload it and retry with its new ETag` });

export function transitionError(row: AgreementRow, to: Lifecycle) {
  const allowed = allowedTransitions(row.lifecycle as Lifecycle);
  return new ApiError(409, {
    code: "illegal-transition",
    detail: `An agreement cannot go from ${row.lifecycle} to ${to}; allowed from ${row.lifecycle}: ${allowed.join(", ") || "none"}`,
    extra: { from: row.lifecycle, to, allowed },
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
  guards: { preconditions?: Guard[] } = {},
) {
  const cps = await counterpartiesOf(c.var.db, [row.id]);
  const after = toWireAgreement(predicted, newCounterparties ?? cps);
  return commitWrite(c, {
    preconditions: [{ condition: versionIs(row.id, row.version), error: () => staleError(row.id) }, ...(guards.preconditions ?? [])],
    statements,
    postconditions: [consistentAfter(row.id)],
    record: { action, entityType: "agreement", entityId: row.id, before: toWireAgreement(row, cps), after },
    publicChange: true,
    status: 200,
    body: after,
    headers: { ETag: agreementEtag(predicted.version) },
  });
}

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const body = c.req.valid("json");
  const db = c.var.db;
  const id = body.id ?? randomId("agr").replace("_", "-");
  if (await findAgreement(db, id)) throw new ApiError(409, { code: "duplicate", detail: `An agreement with id "${id}" already exists` });
  const cps = await resolveCounterparties(db, body.counterparties);
  const now = new Date().toISOString();
  const proposed = body.proposed ? date(body.proposed) : null;
  const row: AgreementRow = {
    id, kind: body.kind, titleEn: body.title.en, titleRu: body.title.ru ?? null, titleZh: body.title.zh ?? null, lifecycle: "draft",
    proposedDate: proposed?.value ?? null, proposedPrecision: proposed?.precision ?? null, signedDate: null, signedPrecision: null, signedWindowStart: null,
    inForceDate: null, inForcePrecision: null, endedDate: null, endedPrecision: null, place: body.place ?? null,
    signatories: JSON.stringify(body.signatories ?? []), authorisingDecision: body.authorisingDecision ?? null, sources: JSON.stringify(body.sources),
    version: 1, consentsRecorded: true, createdAt: now, updatedAt: now,
  };
  const after = toWireAgreement(row, cps.map((p) => ({ ...p, agreementId: id })));
  return commitWrite(c, {
    statements: [insertAgreement(db, row), insertCounterparties(db, id, cps.map((p) => p.id))],
    record: { action: "agreement.created", entityType: "agreement", entityId: id, before: null, after },
    publicChange: true,
    status: 201,
    body: after,
    headers: { ETag: agreementEtag(1), Location: `/v1/agreements/${id}` },
    onConstraint: (violated) => (violated === "agreementId" ? new ApiError(409, { code: "duplicate", detail: `An agreement with id "${id}" already exists` }) : undefined),
  });
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const body = c.req.valid("json");
  if (body.lifecycle && body.lifecycle !== row.lifecycle && !canTransition(row.lifecycle as Lifecycle, body.lifecycle)) throw transitionError(row, body.lifecycle);
  const proposed = body.proposed ? date(body.proposed) : undefined;
  const set: Partial<AgreementRow> = {
    ...(body.kind && { kind: body.kind }),
    ...(body.title && { titleEn: body.title.en, titleRu: body.title.ru ?? null, titleZh: body.title.zh ?? null }),
    ...(proposed && { proposedDate: proposed.value, proposedPrecision: proposed.precision }),
    ...(body.place !== undefined && { place: body.place }),
    ...(body.signatories && { signatories: JSON.stringify(body.signatories) }),
    ...(body.authorisingDecision !== undefined && { authorisingDecision: body.authorisingDecision }),
    ...(body.sources && { sources: JSON.stringify(body.sources) }),
    ...(body.lifecycle && { lifecycle: body.lifecycle }),
  };
  const statements: Parameters<typeof commitWrite>[1]["statements"] = [updateAgreement(db, row.id, set)];
  let newCounterparties: CounterpartyRow[] | undefined;
  if (body.counterparties) {
    if (!counterpartiesEditable(row.lifecycle as Lifecycle)) {
      throw new ApiError(409, { code: "agreement-signed", detail: "The counterparties of a signed agreement cannot change" });
    }
    const cps = await resolveCounterparties(db, body.counterparties);
    statements.push(deleteCounterparties(db, row.id), insertCounterparties(db, row.id, cps.map((p) => p.id)));
    newCounterparties = cps.map((p) => ({ ...p, agreementId: row.id }));
  }
  const predicted = { ...row, ...set, version: row.version + 1, updatedAt: new Date().toISOString() };
  const action = body.lifecycle === "awaiting_consent" && row.lifecycle === "draft" ? "agreement.submitted" : "agreement.updated";
  return commitAgreementChange(c, row, action, statements, predicted, newCounterparties);
};
