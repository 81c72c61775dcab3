/** Consents of the member states and the SQL that evaluates the consent rules inside a write's batch. No Hono here. */
import { and, asc, eq, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { membersOnSql, partyIdFor } from "../../db/parties";
import { agreements, consents, parties } from "../../db/schema";
import { sqlList } from "../../db/sql-list";
import { decodeRow, rowJson } from "../../db/versions";
import { COLLECTING_CONSENTS } from "../../domain/agreements";

export type ConsentRow = typeof consents.$inferSelect;

export const consentsOf = (db: Db, agreementId: string) =>
  db.select().from(consents).where(eq(consents.agreementId, agreementId)).orderBy(asc(consents.stateId));

export const upsertConsent = (db: Db, row: typeof consents.$inferInsert) =>
  db
    .insert(consents)
    .values(row)
    .onConflictDoUpdate({
      target: [consents.agreementId, consents.stateId],
      set: {
        decision: row.decision,
        date: row.date,
        reference: row.reference ?? null,
        source: row.source ?? null,
        createdAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      },
    });

export const deleteConsent = (db: Db, agreementId: string, stateId: string) =>
  db.delete(consents).where(and(eq(consents.agreementId, agreementId), eq(consents.stateId, stateId)));

// ---------------------------------------------------------------------------------------------
// The consent rules (src/domain/agreements.ts) as SQL, for the guards and statements of a write's
// batch: they are evaluated when the batch runs, not when the handler read.
// test/db/agreement-guards.queries.test.ts proves each agrees with its domain function.
// ---------------------------------------------------------------------------------------------

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
 * complete for the members on the consent basis, else `awaiting_consent`; bumps the version. Only
 * where every condition of `gate` holds (evaluated on the row before this update): otherwise it
 * changes nothing, and the version record after it fails (a gated write, src/lib/write.ts).
 */
export function settleConsentLifecycle(db: Db, agreementId: string, today: string, gate: SQL[] = []) {
  const complete = consentsCompleteSql(agreements.id, consentBasisSql(today));
  return db
    .update(agreements)
    .set({
      lifecycle: sql`CASE WHEN ${agreements.lifecycle} IN (${sqlList(COLLECTING_CONSENTS)}) THEN (CASE WHEN ${complete} THEN 'consented' ELSE 'awaiting_consent' END) ELSE ${agreements.lifecycle} END`,
      version: sql`${agreements.version} + 1`,
      updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    })
    .where(and(eq(agreements.id, agreementId), ...gate.map((condition) => sql`(${condition})`)));
}

/**
 * What a consent read or write needs, in ONE query: the agreement, its consents, the member states
 * who must consent (on its consent basis, by consentBasisSql) and, with `stateRef`, the party that
 * names (as resolveParties would).
 */
export const agreementConsentsQuery = (db: Db, agreementId: string, today: string, stateRef?: string) =>
  db
    .select({
      agreement: agreements,
      required: sql<string>`(SELECT json_group_array(party_id) FROM ${membersOnSql(consentBasisSql(today))})`,
      consents: sql<string>`(SELECT json_group_array(${rowJson(consents)}) FROM ${consents} WHERE ${consents.agreementId} = ${agreements.id})`,
      party: { id: parties.id, kind: parties.kind },
    })
    .from(agreements)
    // Without a state, a join that finds nothing through the primary key: `ON 0` made SQLite scan
    // every party's index entry (test/db/query-plans.queries.test.ts).
    .leftJoin(parties, eq(parties.id, stateRef === undefined ? sql`NULL` : partyIdFor(stateRef)))
    .where(eq(agreements.id, agreementId));

/** agreementConsentsQuery's answer, decoded (required and consents sorted by state); undefined without the agreement. */
export async function findAgreementConsents(db: Db, agreementId: string, today: string, stateRef?: string) {
  const found = await agreementConsentsQuery(db, agreementId, today, stateRef).get();
  if (!found) return undefined;
  const given = (JSON.parse(found.consents) as Record<string, unknown>[]).map((r) => decodeRow(consents, r));
  return {
    agreement: found.agreement,
    required: (JSON.parse(found.required) as string[]).sort(),
    consents: given.sort((a, b) => a.stateId.localeCompare(b.stateId)),
    party: found.party,
  };
}
