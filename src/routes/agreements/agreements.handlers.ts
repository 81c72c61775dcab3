/** Public reads of the agreements register. */
import { z } from "@hono/zod-openapi";
import { consentBasis, consentReport } from "../../domain/agreements";
import { today } from "../../domain/dates";
import { decodeCursor, paginate } from "../../lib/pagination";
import { ApiError } from "../../lib/problem";
import type { Db } from "../../db/client";
import type { AppRouteHandler } from "../../types";
import { agreementEtag, basisDatesOf, toWireAgreement, toWireConsent } from "./agreements.mappers";
import { consentsOf, counterpartiesOf, findAgreement, listAgreements, membersOn, type AgreementFilter, type AgreementRow } from "./agreements.queries";
import type { GetConsentsRoute, GetOneRoute, ListForOrganisationRoute, ListRoute } from "./agreements.routes";
import { tagged } from "../../lib/etag";

const AgreementCursor = z.tuple([z.string()]);

async function page(db: Db, filter: Omit<AgreementFilter, "after">, cursor: string | undefined) {
  const after = decodeCursor(cursor, AgreementCursor)?.[0];
  const rows = await listAgreements(db, { ...filter, after });
  const { page: items, nextCursor } = paginate(rows, filter.limit, (r) => [r.agreement.id]);
  const counterparties = await counterpartiesOf(db, items.map((r) => r.agreement.id));
  return { items: items.map((r) => toWireAgreement(r.agreement, counterparties)), nextCursor };
}

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { cursor, counterparty, ...filter } = c.req.valid("query");
  return c.json(tagged(c, await page(c.var.db, { ...filter, counterparty }, cursor)), 200);
};

export const listForOrganisation: AppRouteHandler<ListForOrganisationRoute> = async (c) => {
  const { cursor, ...filter } = c.req.valid("query");
  return c.json(tagged(c, await page(c.var.db, { ...filter, counterparty: c.req.valid("param").id.toLowerCase() }, cursor)), 200);
};

export async function loadAgreement(db: Db, id: string): Promise<AgreementRow> {
  const row = await findAgreement(db, id);
  if (!row) throw new ApiError(404, { code: "not-found", detail: `No agreement with id "${id}"` });
  return row;
}

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  const counterparties = await counterpartiesOf(c.var.db, [row.id]);
  return c.json(toWireAgreement(row, counterparties), 200, { ETag: agreementEtag(row.version) });
};

/** Who must consent (on the consent basis), who did, and what is missing or not recorded. */
export async function consentStatus(db: Db, row: AgreementRow, now: string = today()) {
  const basis = consentBasis(basisDatesOf(row), now);
  const [required, consents] = await Promise.all([membersOn(db, basis.date), consentsOf(db, row.id)]);
  const report = consentReport(required, consents.map((x) => ({ state: x.stateId, decision: x.decision })), row.consentsRecorded);
  return { agreementId: row.id, basis, ...report, consents: consents.map(toWireConsent) };
}

export const getConsents: AppRouteHandler<GetConsentsRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  return c.json(tagged(c, await consentStatus(c.var.db, row)), 200);
};
