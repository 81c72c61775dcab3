/** Agreements and their counterparties, and the SQL of the agreement's invariants. No Hono here. */
import { and, asc, eq, getTableColumns, gt, gte, lte, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { compiledStatement, rowMapper } from "../../db/compiled";
import { windowEndSql, windowStartSql } from "../../db/partial-dates";
import { partyIdForPlaceholders, partyRefValues } from "../../db/parties";
import { agreementCounterparties, agreements, parties, statusEvents } from "../../db/schema";
import { sqlList } from "../../db/sql-list";
import { SIGNED } from "../../domain/agreements";
import type { EventKind, Status } from "../../domain/statuses";
import { conclusionAllowedSql } from "../consents/consents.queries";

/** Agreements, their counterparties and consents. No Hono here. */

export type AgreementRow = typeof agreements.$inferSelect;

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

/**
 * An agreement's counterparties as one JSON array (CounterpartyRow[], unordered: the caller sorts),
 * read in the same statement as the agreement: a page costs one D1 round trip, not two.
 */
// Written out qualified: drizzle leaves columns unqualified in a single-table select, and inside
// the subquery a bare "id" would be the joined party's, not the listed agreement's.
const counterpartiesJson = sql<string>`(SELECT json_group_array(json_object('agreementId', ac.agreement_id, 'id', p.id, 'kind', p.kind, 'name', p.name_en)) FROM ${agreementCounterparties} ac INNER JOIN ${parties} p ON p.id = ac.party_id WHERE ac.agreement_id = ${sql.identifier("agreements")}.${sql.identifier("id")})`;

/** The counterparties of listed agreements, from their JSON column, in the order counterpartiesOf gives. */
export const counterpartiesFromJson = (rows: { counterparties: string }[]): CounterpartyRow[] =>
  rows
    .flatMap((r) => JSON.parse(r.counterparties) as CounterpartyRow[])
    .sort((a, b) =>
      a.agreementId === b.agreementId ? (a.id < b.id ? -1 : 1) : a.agreementId < b.agreementId ? -1 : 1,
    );

const listedAgreement = { agreement: getTableColumns(agreements), counterparties: counterpartiesJson };

/**
 * One page of agreements in id order, each with its counterparties; with a counterparty, walked
 * through its index. Every value a placeholder (listAgreementsValues): compiled once per shape.
 */
export function listAgreementsQuery(db: Db, f: AgreementFilter) {
  const where = and(
    f.lifecycle ? eq(agreements.lifecycle, sql.placeholder("lifecycle")) : undefined,
    f.kind ? eq(agreements.kind, sql.placeholder("kind")) : undefined,
    f.signedFrom ? gte(agreements.signedWindowStart, sql.placeholder("signedFrom")) : undefined,
    f.signedTo ? lte(agreements.signedWindowStart, sql.placeholder("signedTo")) : undefined,
  );
  const after = sql.placeholder("after");
  if (f.counterparty) {
    return db
      .select(listedAgreement)
      .from(agreementCounterparties)
      .innerJoin(agreements, eq(agreements.id, agreementCounterparties.agreementId))
      .where(
        and(
          eq(agreementCounterparties.partyId, partyIdForPlaceholders()),
          f.after ? gt(agreementCounterparties.agreementId, after) : undefined,
          where,
        ),
      )
      .orderBy(asc(agreementCounterparties.agreementId))
      .limit(sql.placeholder("limit"));
  }
  return db
    .select(listedAgreement)
    .from(agreements)
    .where(and(f.after ? gt(agreements.id, after) : undefined, where))
    .orderBy(asc(agreements.id))
    .limit(sql.placeholder("limit"));
}

/** listAgreementsQuery's placeholders for `f` (the page size + 1: one more row says there is a next page). */
export const listAgreementsValues = (f: AgreementFilter) => ({
  ...(f.counterparty ? partyRefValues(f.counterparty) : {}),
  lifecycle: f.lifecycle,
  kind: f.kind,
  signedFrom: f.signedFrom,
  signedTo: f.signedTo,
  after: f.after,
  limit: f.limit + 1,
});

type ListedAgreement = Awaited<ReturnType<typeof listAgreementsQuery>>[number];
const toListedAgreement = rowMapper<ListedAgreement>(listedAgreement);

export async function listAgreements(db: Db, f: AgreementFilter): Promise<ListedAgreement[]> {
  const shape = [
    "listAgreements",
    ...[f.counterparty, f.lifecycle, f.kind, f.signedFrom, f.signedTo, f.after].map((v) => (v ? 1 : 0)),
  ];
  const statement = compiledStatement(db, shape.join(), () => listAgreementsQuery(db, f), listAgreementsValues(f));
  return (await statement.raw()).map(toListedAgreement);
}

export function counterpartiesOf(db: Db, agreementIds: string[]) {
  return (
    db
      .select({
        agreementId: agreementCounterparties.agreementId,
        id: parties.id,
        kind: parties.kind,
        name: parties.nameEn,
      })
      .from(agreementCounterparties)
      .innerJoin(parties, eq(parties.id, agreementCounterparties.partyId))
      // One JSON parameter, not one per id: a page of 200 would pass D1's limit of 100 bound parameters.
      .where(
        sql`${agreementCounterparties.agreementId} IN (SELECT value FROM json_each(${JSON.stringify(agreementIds)}))`,
      )
      .orderBy(asc(agreementCounterparties.agreementId), asc(agreementCounterparties.partyId))
  );
}

export const findAgreement = async (db: Db, id: string) =>
  (await db.select().from(agreements).where(eq(agreements.id, id)).limit(1))[0];

export const insertAgreement = (db: Db, row: typeof agreements.$inferInsert) => db.insert(agreements).values(row);

export const insertCounterparties = (db: Db, agreementId: string, partyIds: string[]) =>
  db.insert(agreementCounterparties).values(partyIds.map((partyId) => ({ agreementId, partyId })));

export const deleteCounterparties = (db: Db, agreementId: string) =>
  db.delete(agreementCounterparties).where(eq(agreementCounterparties.agreementId, agreementId));

/** Updates an agreement and bumps its version (the batch's guard has checked the version read). */
export const updateAgreement = (db: Db, id: string, set: Partial<typeof agreements.$inferInsert>) =>
  db
    .update(agreements)
    .set({ ...set, version: sql`${agreements.version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
    .where(eq(agreements.id, id));

export const versionIs = (id: string, version: number) =>
  sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${id} AND ${agreements.version} = ${version})`;

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
export const agreementConsistent = (
  agreementId: string,
) => sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${agreementId}
  AND (${agreements.lifecycle} NOT IN (${sqlList(SIGNED)}) OR (${agreements.signedDate} IS NOT NULL
    AND (${agreements.consentsRecorded} = 0 OR ${conclusionAllowedSql(agreements.id, agreements.signedDate)})))
  AND ${notBeforeSql(inForce, signed)}
  AND (CASE WHEN ${agreements.inForceDate} IS NOT NULL THEN ${notBeforeSql(ended, inForce)} ELSE ${notBeforeSql(ended, signed)} END)
  AND (${agreements.lifecycle} <> 'in_force' OR ${agreements.inForceDate} IS NOT NULL)
  AND (${agreements.lifecycle} NOT IN ('terminated', 'expired') OR ${agreements.endedDate} IS NOT NULL))`;

/** The status events resting on the agreement (their basis), in log order: derived, never stored twice. */
export async function eventsResting(db: Db, agreementId: string) {
  const rows = await db
    .select({
      id: statusEvents.id,
      party: statusEvents.partyId,
      status: statusEvents.status,
      kind: statusEvents.kind,
      date: statusEvents.date,
      precision: statusEvents.precision,
    })
    .from(statusEvents)
    .where(eq(statusEvents.basisAgreementId, agreementId))
    .orderBy(asc(statusEvents.windowStart), asc(statusEvents.id));
  return rows.map((r) => ({
    id: r.id,
    party: r.party,
    status: r.status as Status,
    kind: r.kind as EventKind,
    effective: { date: r.date, precision: r.precision },
  }));
}
