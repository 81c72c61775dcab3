/** Agreements, their counterparties and consents. No Hono here. */
import { and, asc, eq, gt, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreementCounterparties, agreements, consents, parties, statusPeriods } from "../../db/schema";
import { partyIdFor, reportedOn } from "../parties/parties.queries";

export type AgreementRow = typeof agreements.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type CounterpartyRow = { agreementId: string; id: string; kind: string; name: string };

export interface AgreementFilter {
  counterparty?: string;
  lifecycle?: string;
  kind?: string;
  signedFrom?: string;
  signedTo?: string;
  after?: string;
  limit: number;
}

/** One page of agreements in id order; with a counterparty, walked through its index. */
export function listAgreements(db: Db, f: AgreementFilter) {
  const where = and(
    f.lifecycle ? eq(agreements.lifecycle, f.lifecycle) : undefined,
    f.kind ? eq(agreements.kind, f.kind) : undefined,
    f.signedFrom ? gte(agreements.signedWindowStart, f.signedFrom) : undefined,
    f.signedTo ? lte(agreements.signedWindowStart, f.signedTo) : undefined,
  );
  if (f.counterparty) {
    return db
      .select({ agreement: agreements })
      .from(agreementCounterparties)
      .innerJoin(agreements, eq(agreements.id, agreementCounterparties.agreementId))
      .where(and(eq(agreementCounterparties.partyId, partyIdFor(f.counterparty)), f.after ? gt(agreementCounterparties.agreementId, f.after) : undefined, where))
      .orderBy(asc(agreementCounterparties.agreementId))
      .limit(f.limit + 1);
  }
  return db
    .select({ agreement: agreements })
    .from(agreements)
    .where(and(f.after ? gt(agreements.id, f.after) : undefined, where))
    .orderBy(asc(agreements.id))
    .limit(f.limit + 1);
}

export function counterpartiesOf(db: Db, agreementIds: string[]) {
  return db
    .select({ agreementId: agreementCounterparties.agreementId, id: parties.id, kind: parties.kind, name: parties.nameEn })
    .from(agreementCounterparties)
    .innerJoin(parties, eq(parties.id, agreementCounterparties.partyId))
    // One JSON parameter, not one per id: a page of 200 would pass D1's limit of 100 bound parameters.
    .where(sql`${agreementCounterparties.agreementId} IN (SELECT value FROM json_each(${JSON.stringify(agreementIds)}))`)
    .orderBy(asc(agreementCounterparties.agreementId), asc(agreementCounterparties.partyId));
}

export const findAgreement = async (db: Db, id: string) => (await db.select().from(agreements).where(eq(agreements.id, id)).limit(1))[0];

export const consentsOf = (db: Db, agreementId: string) =>
  db.select().from(consents).where(eq(consents.agreementId, agreementId)).orderBy(asc(consents.stateId));

/** The member states on `day`, by the status registry (the periods derived from its events), all of them. */
export async function membersOn(db: Db, day: string): Promise<string[]> {
  const rows = await db
    .select({ id: statusPeriods.partyId })
    .from(statusPeriods)
    .where(and(eq(statusPeriods.partyKind, "state"), eq(statusPeriods.status, "member"), reportedOn(day)))
    .orderBy(asc(statusPeriods.partyId));
  return rows.map((r) => r.id);
}

/** Resolves party references (alpha-3, alpha-2 or organisation slug, any case) to parties. */
export async function resolveParties(db: Db, refs: string[]) {
  return Promise.all(
    refs.map(async (ref) => {
      const [party] = await db.select({ id: parties.id, kind: parties.kind, name: parties.nameEn }).from(parties).where(eq(parties.id, partyIdFor(ref))).limit(1);
      return { ref, party };
    }),
  );
}

export const insertAgreement = (db: Db, row: typeof agreements.$inferInsert) => db.insert(agreements).values(row);
export const insertCounterparties = (db: Db, agreementId: string, partyIds: string[]) =>
  db.insert(agreementCounterparties).values(partyIds.map((partyId) => ({ agreementId, partyId })));
export const deleteCounterparties = (db: Db, agreementId: string) => db.delete(agreementCounterparties).where(eq(agreementCounterparties.agreementId, agreementId));

/** Updates an agreement and bumps its version (the batch's guard has checked the version read). */
export const updateAgreement = (db: Db, id: string, set: Partial<typeof agreements.$inferInsert>) =>
  db
    .update(agreements)
    .set({ ...set, version: sql`${agreements.version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
    .where(eq(agreements.id, id));

export const versionIs = (id: string, version: number) => sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${id} AND ${agreements.version} = ${version})`;

export const upsertConsent = (db: Db, row: typeof consents.$inferInsert) =>
  db
    .insert(consents)
    .values(row)
    .onConflictDoUpdate({
      target: [consents.agreementId, consents.stateId],
      set: { decision: row.decision, date: row.date, reference: row.reference ?? null, source: row.source ?? null, createdAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` },
    });

/**
 * Moves an agreement that is collecting consents to `consented` when every state in `required`
 * has consented and none objects, and back to `awaiting_consent` otherwise — the rule of
 * tallyConsents in src/domain/agreements.ts, evaluated inside the batch so that concurrent consents
 * for different states never race. Always bumps the version.
 */
export function settleConsentLifecycle(db: Db, agreementId: string, required: string[]) {
  // The list goes in as one JSON parameter: D1 binds at most 100 per statement.
  const requiredJson = JSON.stringify(required);
  const count = (decision: string) =>
    sql`(SELECT count(*) FROM ${consents} WHERE ${consents.agreementId} = ${agreementId} AND ${consents.decision} = ${decision} AND ${consents.stateId} IN (SELECT value FROM json_each(${requiredJson})))`;
  const complete = sql`(${count("consent")} = ${required.length} AND ${count("objection")} = 0 AND ${required.length} > 0)`;
  return db
    .update(agreements)
    .set({
      lifecycle: sql`CASE WHEN ${agreements.lifecycle} IN ('awaiting_consent', 'consented') THEN (CASE WHEN ${complete} THEN 'consented' ELSE 'awaiting_consent' END) ELSE ${agreements.lifecycle} END`,
      version: sql`${agreements.version} + 1`,
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    })
    .where(eq(agreements.id, agreementId));
}
