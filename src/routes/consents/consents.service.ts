/**
 * What the consent handlers share: the agreement's consents read and tallied in one query, the tally
 * after a write, and the guard that consents are still collected. No Hono here but the Db.
 */
import type { Db } from "../../db/client";
import { consentBasis, consentReport, tallyConsents } from "../../domain/agreements";
import { ApiError } from "../../lib/problem";
import type { Guard } from "../../lib/write";
import { basisDatesOf } from "../agreements/agreements.schemas";
import { loadAgreement, noSuchAgreement } from "../agreements/agreements.service";
import { collectingConsents, findAgreementConsents } from "./consents.queries";
import { toWireConsent } from "./consents.schemas";

export const notCollecting = (id: string, lifecycle: string) =>
  new ApiError(409, {
    code: "not-collecting-consents",
    detail: `Agreement ${id} is ${lifecycle}; consents are recorded and withdrawn only while it is awaiting_consent or consented`,
  });

/** The guard that consents are still collected, with the lifecycle that stopped it in its error. */
export function collecting(db: Db, id: string): Guard {
  return {
    condition: collectingConsents(id),
    error: async () => notCollecting(id, (await loadAgreement(db, id)).lifecycle),
  };
}

/**
 * The agreement and who must consent (on the consent basis), who did, and what is missing or not
 * recorded, with the party `stateRef` names: one query (findAgreementConsents). 404 without the agreement.
 */
export async function loadConsents(db: Db, id: string, now: string, stateRef?: string) {
  const found = await findAgreementConsents(db, id, now, stateRef);
  if (!found) throw noSuchAgreement(id);
  const { agreement: row, required, consents } = found;
  const report = consentReport(
    required,
    consents.map((x) => ({ state: x.stateId, decision: x.decision })),
    row.consentsRecorded,
  );
  const basis = consentBasis(basisDatesOf(row), now);
  return {
    row,
    party: found.party,
    status: { agreementId: row.id, basis, ...report, consents: consents.map(toWireConsent) },
  };
}

type ConsentStatus = Awaited<ReturnType<typeof loadConsents>>["status"];

/** The consents as the answer to a consent write: the tally with `consent` applied. */
export function consentsAfter(
  before: ConsentStatus,
  change: { state: string; consent: Record<string, unknown> | null },
) {
  const kept = before.consents.filter((x) => x.state !== change.state);
  const consents = change.consent
    ? [...kept, { ...change.consent, recordedAt: new Date().toISOString() } as (typeof kept)[number]]
    : kept;
  consents.sort((a, b) => a.state.localeCompare(b.state));
  const tally = tallyConsents(before.required, consents);
  return { ...before, ...tally, consentsRecorded: true, consents };
}
