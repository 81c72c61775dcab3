/** Agreements, their counterparties and consents. No Hono here. */
import { and, asc, eq, gt, gte, lte, sql, type SQLWrapper } from "drizzle-orm";
import { COLLECTING_CONSENTS, SIGNED } from "../../domain/agreements";
import { windowEndSql, windowStartSql } from "../../db/partial-dates";
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

export const deleteConsent = (db: Db, agreementId: string, stateId: string) =>
  db.delete(consents).where(and(eq(consents.agreementId, agreementId), eq(consents.stateId, stateId)));

// ---------------------------------------------------------------------------------------------
// The agreements' rules (src/domain/agreements.ts) as SQL, for the guards and statements of a
// write's batch: they are evaluated at the moment the batch runs, not when the handler read.
// test/db/agreement-guards.queries.test.ts proves each agrees with its domain function.
// ---------------------------------------------------------------------------------------------

const sqlList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The member states on `day` (a value or an SQL expression), as a subquery of party ids. */
const membersOnSql = (day: string | SQLWrapper) =>
  sql`(SELECT ${statusPeriods.partyId} FROM ${statusPeriods} WHERE ${and(eq(statusPeriods.partyKind, "state"), eq(statusPeriods.status, "member"), reportedOn(day))})`;

/** consentBasis: the signed date, else the proposed date, each when known to the day; else `today`. */
export const consentBasisSql = (today: string) =>
  sql`(CASE WHEN ${agreements.signedPrecision} = 'day' THEN ${agreements.signedDate} WHEN ${agreements.proposedPrecision} = 'day' THEN ${agreements.proposedDate} ELSE ${today} END)`;

/** tallyConsents(...).complete for the members on `day`: all consented, none objects, at least one. */
const consentsCompleteSql = (agreementId: SQLWrapper | string, day: string | SQLWrapper) => {
  const required = membersOnSql(day);
  const given = (decision: string) =>
    sql`(SELECT count(DISTINCT ${consents.stateId}) FROM ${consents} WHERE ${consents.agreementId} = ${agreementId} AND ${consents.decision} = ${decision} AND ${consents.stateId} IN ${required})`;
  return sql`(EXISTS ${required} AND ${given("consent")} = (SELECT count(DISTINCT party_id) FROM ${required}) AND ${given("objection")} = 0)`;
};

/** checkConclusion(...).allowed: every member on `day` consented on or before it, and none objects. */
export const conclusionAllowedSql = (agreementId: SQLWrapper | string, day: string | SQLWrapper) => {
  const required = membersOnSql(day);
  return sql`(EXISTS ${required} AND NOT EXISTS (SELECT 1 FROM ${required} AS required WHERE NOT EXISTS (SELECT 1 FROM ${consents} WHERE ${consents.agreementId} = ${agreementId} AND ${consents.stateId} = required.party_id AND ${consents.decision} = 'consent' AND ${consents.date} <= ${day})))`;
};

/** acceptsConsents, for the agreement as it is when the batch runs. */
export const collectingConsents = (agreementId: string) =>
  sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${agreementId} AND ${agreements.lifecycle} IN (${sqlList(COLLECTING_CONSENTS)}))`;

/** The state is a member on `day`, by the status registry as it is when the batch runs. */
export const memberOn = (stateId: string, day: string) => sql`${stateId} IN ${membersOnSql(day)}`;

/** A consent (or objection) of the state is on record for the agreement. */
export const consentExists = (agreementId: string, stateId: string) =>
  sql`EXISTS (SELECT 1 FROM ${consents} WHERE ${consents.agreementId} = ${agreementId} AND ${consents.stateId} = ${stateId})`;

/**
 * lifecycleAfterConsent: while consents are collected, `consented` exactly when the consents are
 * complete for the members on the consent basis, else `awaiting_consent`; bumps the version.
 */
export function settleConsentLifecycle(db: Db, agreementId: string, today: string) {
  const complete = consentsCompleteSql(agreements.id, consentBasisSql(today));
  return db
    .update(agreements)
    .set({
      lifecycle: sql`CASE WHEN ${agreements.lifecycle} IN (${sqlList(COLLECTING_CONSENTS)}) THEN (CASE WHEN ${complete} THEN 'consented' ELSE 'awaiting_consent' END) ELSE ${agreements.lifecycle} END`,
      version: sql`${agreements.version} + 1`,
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    })
    .where(eq(agreements.id, agreementId));
}

const signed = { date: agreements.signedDate, precision: agreements.signedPrecision };
const inForce = { date: agreements.inForceDate, precision: agreements.inForcePrecision };
const ended = { date: agreements.endedDate, precision: agreements.endedPrecision };
type DateColumns = { date: SQLWrapper; precision: SQLWrapper };
/** notBefore(later, earlier), true when either is unknown. */
const notBeforeSql = (later: DateColumns, earlier: DateColumns) =>
  sql`(${later.date} IS NULL OR ${earlier.date} IS NULL OR ${windowEndSql(later.date, later.precision)} >= ${windowStartSql(earlier.date, earlier.precision)})`;

/**
 * agreementProblems(...) is empty, for the row as it is inside the batch: checked after a write's
 * statements ran, on the state they leave.
 */
export const agreementConsistent = (agreementId: string) => sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${agreementId}
  AND (${agreements.lifecycle} NOT IN (${sqlList(SIGNED)}) OR (${agreements.signedDate} IS NOT NULL
    AND (${agreements.consentsRecorded} = 0 OR ${conclusionAllowedSql(agreements.id, agreements.signedDate)})))
  AND ${notBeforeSql(inForce, signed)}
  AND (CASE WHEN ${agreements.inForceDate} IS NOT NULL THEN ${notBeforeSql(ended, inForce)} ELSE ${notBeforeSql(ended, signed)} END)
  AND (${agreements.lifecycle} <> 'in_force' OR ${agreements.inForceDate} IS NOT NULL)
  AND (${agreements.lifecycle} NOT IN ('terminated', 'expired') OR ${agreements.endedDate} IS NOT NULL))`;
