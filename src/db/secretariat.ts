/** Queries over the Secretariat's posts and the guards its writes carry into their batch. No Hono here. */
import { and, asc, eq, isNull, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "./client";
import { membersOnSql } from "./parties";
import { parties, secretariatTerms, statusPeriods } from "./schema";

export type TermRow = typeof secretariatTerms.$inferSelect;
export type TermWithState = { term: TermRow; state: { nameEn: string; nameRu: string; nameZh: string } };

const stateNames = { nameEn: parties.nameEn, nameRu: parties.nameRu, nameZh: parties.nameZh };

/** At most this many terms are read at once: two posts since 2004 make a few dozen rows, so the cap only bounds wild growth. */
export const TERM_CAP = 1000;

/** Every term (the register is a few dozen rows), oldest first, with its state's names. */
export const listTerms = (db: Db) =>
  db
    .select({ term: secretariatTerms, state: stateNames })
    .from(secretariatTerms)
    .innerJoin(parties, eq(parties.id, secretariatTerms.stateId))
    .orderBy(asc(secretariatTerms.post), asc(secretariatTerms.startWindowStart), asc(secretariatTerms.id))
    .limit(TERM_CAP);

/** The terms held by citizens of one state, oldest first. */
export const termsOfState = (db: Db, stateId: string) =>
  db
    .select()
    .from(secretariatTerms)
    .where(eq(secretariatTerms.stateId, stateId))
    .orderBy(asc(secretariatTerms.startWindowStart), asc(secretariatTerms.id))
    .limit(TERM_CAP);

export const findTerm = async (db: Db, id: string) =>
  (await db.select().from(secretariatTerms).where(eq(secretariatTerms.id, id)).limit(1))[0];

/** Every member-status period of a state, with the state's Russian name: membership on any day, and the rotation's order. */
export const memberPeriods = (db: Db) =>
  db
    .select({
      id: statusPeriods.partyId,
      nameRu: parties.nameRu,
      fromWindowEnd: statusPeriods.fromWindowEnd,
      toWindowStart: statusPeriods.toWindowStart,
      toWindowEnd: statusPeriods.toWindowEnd,
    })
    .from(statusPeriods)
    .innerJoin(parties, eq(parties.id, statusPeriods.partyId))
    .where(and(eq(statusPeriods.partyKind, "state"), eq(statusPeriods.status, "member")));

export type MemberPeriodRow = Awaited<ReturnType<typeof memberPeriods>>[number];

export const insertTerm = (db: Db, row: typeof secretariatTerms.$inferInsert) =>
  db.insert(secretariatTerms).values(row);

/** Records the end of a term that is still open, and bumps its version. */
export const endTerm = (
  db: Db,
  id: string,
  end: { value: string; precision: string; windowStart: string; windowEnd: string },
  sources: string,
) =>
  db
    .update(secretariatTerms)
    .set({
      endDate: end.value,
      endPrecision: end.precision,
      endWindowStart: end.windowStart,
      endWindowEnd: end.windowEnd,
      sources,
      version: sql`${secretariatTerms.version} + 1`,
    })
    .where(and(eq(secretariatTerms.id, id), isNull(secretariatTerms.endDate)));

/** Bounds of a term as SQL values or columns: the latest start day and the earliest end day (null while open). */
export interface TermBoundsSql {
  startWindowEnd: string | SQLWrapper;
  endWindowStart: string | null | SQLWrapper;
}

const OPEN = "9999-12-31";

/**
 * `overlap` (src/domain/secretariat.ts) as SQL: some day is certainly held by both terms — the later
 * of the two latest starts is on or before the earlier of the two earliest ends.
 * test/db/secretariat-guards.queries.test.ts proves the two agree on generated terms.
 */
export const overlapSql = (a: TermBoundsSql, b: TermBoundsSql) =>
  sql`max(${a.startWindowEnd}, ${b.startWindowEnd}) <= min(coalesce(${a.endWindowStart}, ${OPEN}), coalesce(${b.endWindowStart}, ${OPEN}))`;

const otherSgTerms = (id: string) =>
  sql`${secretariatTerms.post} = 'secretary_general' AND ${secretariatTerms.id} <> ${id}`;

/** No other Secretary-General's term overlaps `t` (a guard inside the appointing or ending batch). */
export const noOverlappingSg = (id: string, t: TermBoundsSql) =>
  sql`NOT EXISTS (SELECT 1 FROM ${secretariatTerms} WHERE ${otherSgTerms(id)} AND ${overlapSql({ startWindowEnd: secretariatTerms.startWindowEnd, endWindowStart: secretariatTerms.endWindowStart }, t)})`;

/** The person holds no other Secretary-General's term: the term is single, never extended. */
export const noOtherSgTerm = (id: string, personId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM ${secretariatTerms} WHERE ${otherSgTerms(id)} AND ${secretariatTerms.personId} = ${personId})`;

/** The state is a member on `day`, by the status registry. */
export const memberOnSql = (stateId: string, day: string) => sql`${stateId} IN ${membersOnSql(day)}`;

/** The term is still open (its end not recorded). */
export const termOpen = (id: string) =>
  sql`EXISTS (SELECT 1 FROM ${secretariatTerms} WHERE ${secretariatTerms.id} = ${id} AND ${secretariatTerms.endDate} IS NULL)`;
