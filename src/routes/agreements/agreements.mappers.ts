import type { AgreementRow, ConsentRow, CounterpartyRow } from "./agreements.queries";
import { wireDateOf } from "../../lib/party-mappers";
import type { AGREEMENT_KINDS, AgreementDates, BasisDates, Lifecycle } from "../../domain/agreements";
import { parsePartialDate, type PartialDate } from "../../domain/dates";

/** A stored date (written only after validation) as the domain's partial date. */
const partial = (value: string | null) => (value === null ? null : (parsePartialDate(value) as PartialDate));

export const basisDatesOf = (a: AgreementRow): BasisDates => ({ signed: partial(a.signedDate), proposed: partial(a.proposedDate) });
export const agreementDatesOf = (a: AgreementRow): AgreementDates => ({ signed: partial(a.signedDate), inForce: partial(a.inForceDate), ended: partial(a.endedDate) });

export function toWireAgreement(a: AgreementRow, counterparties: CounterpartyRow[]) {
  return {
    id: a.id,
    kind: a.kind as (typeof AGREEMENT_KINDS)[number],
    title: { en: a.titleEn, ru: a.titleRu, zh: a.titleZh },
    counterparties: counterparties.filter((cp) => cp.agreementId === a.id).map(({ id, kind, name }) => ({ id, kind: kind as "state" | "organisation", name })),
    lifecycle: a.lifecycle as Lifecycle,
    proposed: wireDateOf(a.proposedDate, a.proposedPrecision),
    signed: wireDateOf(a.signedDate, a.signedPrecision),
    inForce: wireDateOf(a.inForceDate, a.inForcePrecision),
    ended: wireDateOf(a.endedDate, a.endedPrecision),
    place: a.place,
    signatories: JSON.parse(a.signatories) as { name: string; title?: string; onBehalfOf: string }[],
    authorisingDecision: a.authorisingDecision,
    sources: JSON.parse(a.sources) as string[],
    version: a.version,
    consentsRecorded: a.consentsRecorded,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export const toWireConsent = (c: ConsentRow) => ({
  state: c.stateId,
  decision: c.decision,
  date: c.date,
  reference: c.reference,
  source: c.source,
  recordedAt: c.createdAt,
});

export const agreementEtag = (version: number) => `"${version}"`;
