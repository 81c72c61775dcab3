/** The agreements register: public reads, drafting and changing, and the steps after consent. */
import { z } from "@hono/zod-openapi";
import type { Db } from "../../db/client";
import { canTransition, counterpartiesEditable, type Lifecycle } from "../../domain/agreements";
import { today } from "../../domain/dates";
import { randomId } from "../../lib/crypto";
import { taggedJson } from "../../lib/etag";
import { toSource } from "../../lib/evidence-schemas";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { decodeCursor, paginate } from "../../lib/pagination";
import { ApiError } from "../../lib/problem";
import type { Guard } from "../../lib/write";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import { conclusionAllowedSql } from "../consents/consents.queries";
import {
  type AgreementFilter,
  type AgreementRow,
  type CounterpartyRow,
  counterpartiesFromJson,
  counterpartiesOf,
  deleteCounterparties,
  eventsResting,
  findAgreement,
  insertAgreement,
  insertCounterparties,
  listAgreements,
  updateAgreement,
} from "./agreements.queries";
import type * as R from "./agreements.routes";
import { agreementEtag, toWireAgreement } from "./agreements.schemas";
import {
  agreementAsRecorded,
  agreementVersion,
  checkIfMatch,
  commitAgreementChange,
  conclusionProblem,
  correctDates,
  date,
  loadAgreement,
  requireTransition,
  resolveCounterparties,
  stepAfterSignature,
  transitionError,
} from "./agreements.service";

/** Public reads of the agreements register. */

const AgreementCursor = z.tuple([z.string()]);

async function page(db: Db, filter: Omit<AgreementFilter, "after">, cursor: string | undefined) {
  const after = decodeCursor(cursor, AgreementCursor)?.[0];
  const rows = await listAgreements(db, { ...filter, after });
  const { page: items, nextCursor } = paginate(rows, filter.limit, (r) => [r.agreement.id]);
  const counterparties = counterpartiesFromJson(items);
  return { items: items.map((r) => toWireAgreement(r.agreement, counterparties)), nextCursor };
}

export const list: AppRouteHandler<R.ListRoute> = async (c) => {
  const { cursor, counterparty, ...filter } = c.req.valid("query");
  return taggedJson(c, await page(c.var.db, { ...filter, counterparty }, cursor));
};

export const listForOrganisation: AppRouteHandler<R.ListForOrganisationRoute> = async (c) => {
  const { cursor, ...filter } = c.req.valid("query");
  return taggedJson(
    c,
    await page(c.var.db, { ...filter, counterparty: c.req.valid("param").id.toLowerCase() }, cursor),
  );
};

export const getOne: AppRouteHandler<R.GetOneRoute> = async (c) => {
  const { asRecordedOn } = c.req.valid("query");
  if (asRecordedOn) {
    const { row, record } = await agreementAsRecorded(c.var.db, c.req.valid("param").id, asRecordedOn);
    const counterparties = await counterpartiesOf(c.var.db, [row.id]);
    // the counterparties and the status events resting on it are today's (neither is versioned)
    const events = await eventsResting(c.var.db, row.id);
    return taggedJson(c, { ...toWireAgreement(row, counterparties), statusEvents: events, record });
  }
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  const counterparties = await counterpartiesOf(c.var.db, [row.id]);
  const events = await eventsResting(c.var.db, row.id);
  return c.json({ ...toWireAgreement(row, counterparties), statusEvents: events }, 200, {
    ETag: agreementEtag(row.version),
  });
};

export const create: AppRouteHandler<R.CreateRoute> = async (c) => {
  const body = c.req.valid("json");
  const db = c.var.db;
  const id = body.id ?? randomId("agr").replace("_", "-");
  if (await findAgreement(db, id))
    throw new ApiError(409, { code: "duplicate", detail: `An agreement with id "${id}" already exists` });
  const cps = await resolveCounterparties(db, body.counterparties);
  const now = new Date().toISOString();
  const proposed = body.proposed ? date(body.proposed) : null;
  const row: AgreementRow = {
    id,
    kind: body.kind,
    titleEn: body.title.en,
    titleRu: body.title.ru ?? null,
    titleZh: body.title.zh ?? null,
    lifecycle: "draft",
    proposedDate: proposed?.value ?? null,
    proposedPrecision: proposed?.precision ?? null,
    signedDate: null,
    signedPrecision: null,
    signedWindowStart: null,
    inForceDate: null,
    inForcePrecision: null,
    endedDate: null,
    endedPrecision: null,
    place: body.place ?? null,
    signatories: JSON.stringify(body.signatories ?? []),
    authorisingDecision: body.authorisingDecision ?? null,
    sources: JSON.stringify(body.sources.map(toSource)),
    certainty: "high",
    alternatives: "[]",
    note: null,
    version: 1,
    consentsRecorded: true,
    createdAt: now,
    updatedAt: now,
  };
  const after = toWireAgreement(
    row,
    cps.map((p) => ({ ...p, agreementId: id })),
  );
  return commitWrite(c, {
    statements: [
      insertAgreement(db, row),
      insertCounterparties(
        db,
        id,
        cps.map((p) => p.id),
      ),
      agreementVersion(c, id, "recorded"),
    ],
    record: { action: "agreement.created", entityType: "agreement", entityId: id, before: null, after },
    publicChange: true,
    status: 201,
    body: after,
    headers: { ETag: agreementEtag(1), Location: `/v1/agreements/${id}` },
    onConstraint: (violated) =>
      violated === "agreementId"
        ? new ApiError(409, { code: "duplicate", detail: `An agreement with id "${id}" already exists` })
        : undefined,
  });
};

export const update: AppRouteHandler<R.UpdateRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const body = c.req.valid("json");
  if (body.lifecycle && body.lifecycle !== row.lifecycle && !canTransition(row.lifecycle as Lifecycle, body.lifecycle))
    throw transitionError(row, body.lifecycle);
  const proposed = body.proposed ? date(body.proposed) : undefined;
  const set: Partial<AgreementRow> = {
    ...(body.kind && { kind: body.kind }),
    ...(body.title && { titleEn: body.title.en, titleRu: body.title.ru ?? null, titleZh: body.title.zh ?? null }),
    ...(proposed && { proposedDate: proposed.value, proposedPrecision: proposed.precision }),
    ...(body.place !== undefined && { place: body.place }),
    ...(body.signatories && { signatories: JSON.stringify(body.signatories) }),
    ...(body.authorisingDecision !== undefined && { authorisingDecision: body.authorisingDecision }),
    ...(body.sources && { sources: JSON.stringify(body.sources.map(toSource)) }),
    ...(body.lifecycle && { lifecycle: body.lifecycle }),
  };
  const statements: Parameters<typeof commitWrite>[1]["statements"] = [updateAgreement(db, row.id, set)];
  let newCounterparties: CounterpartyRow[] | undefined;
  if (body.counterparties) {
    if (!counterpartiesEditable(row.lifecycle as Lifecycle)) {
      throw new ApiError(409, {
        code: "agreement-signed",
        detail: "The counterparties of a signed agreement cannot change",
      });
    }
    const cps = await resolveCounterparties(db, body.counterparties);
    statements.push(
      deleteCounterparties(db, row.id),
      insertCounterparties(
        db,
        row.id,
        cps.map((p) => p.id),
      ),
    );
    newCounterparties = cps.map((p) => ({ ...p, agreementId: row.id }));
  }
  const predicted = { ...row, ...set, version: row.version + 1, updatedAt: new Date().toISOString() };
  const action =
    body.lifecycle === "awaiting_consent" && row.lifecycle === "draft" ? "agreement.submitted" : "agreement.updated";
  return commitAgreementChange(c, row, action, statements, predicted, newCounterparties);
};

export const conclude: AppRouteHandler<R.ConcludeRoute> = async (c) => {
  const db = c.var.db;
  const row = await loadAgreement(db, c.req.valid("param").id);
  checkIfMatch(c, row);
  requireTransition(row, "concluded");
  const body = c.req.valid("json");
  refuseBeyondHorizon(date(body.date), today());
  const problem = await conclusionProblem(db, row, body.date);
  if (problem) throw problem;
  const signed = date(body.date);
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
    error: async () =>
      (await conclusionProblem(db, row, body.date)) ??
      new ApiError(409, {
        code: "consents-changed",
        detail: "The consents changed while concluding; reload and retry",
      }),
  };
  return commitAgreementChange(
    c,
    row,
    "agreement.concluded",
    [updateAgreement(db, row.id, set)],
    { ...row, ...set, version: row.version + 1 },
    undefined,
    {
      preconditions: [stillAllowed],
    },
  );
};

export const enterIntoForce: AppRouteHandler<R.EnterIntoForceRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const { date: day } = c.req.valid("json");
  const set = stepAfterSignature("in_force", day, row);
  return commitAgreementChange(c, row, "agreement.entered_into_force", [updateAgreement(c.var.db, row.id, set)], {
    ...row,
    ...set,
    version: row.version + 1,
  });
};

export const terminate: AppRouteHandler<R.TerminateRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  const body = c.req.valid("json");
  const set = stepAfterSignature(body.outcome, body.date, row);
  return commitAgreementChange(c, row, `agreement.${body.outcome}`, [updateAgreement(c.var.db, row.id, set)], {
    ...row,
    ...set,
    version: row.version + 1,
  });
};

export const correct: AppRouteHandler<R.CorrectRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  checkIfMatch(c, row);
  return correctDates(c, row, c.req.valid("json"));
};
