/** The depositary log of an agreement and the SQL that evaluates its rules inside a write's batch. No Hono here. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { membersOnSql } from "../../db/parties";
import { agreements, depositaryActions } from "../../db/schema";
import { sqlList } from "../../db/sql-list";
import { SIGNED } from "../../domain/agreements";
import { type DepositaryAction, PRIOR_STEP, type Recipient } from "../../domain/depositary";

export type DepositaryRow = typeof depositaryActions.$inferSelect;

/** The agreement's log in date order (acts of the same window in the order they were recorded). */
export const depositaryLogOf = (db: Db, agreementId: string) =>
  db
    .select()
    .from(depositaryActions)
    .where(eq(depositaryActions.agreementId, agreementId))
    .orderBy(asc(depositaryActions.windowStart), asc(depositaryActions.createdAt), asc(depositaryActions.id));

export const insertDepositaryAction = (db: Db, row: typeof depositaryActions.$inferInsert) =>
  db.insert(depositaryActions).values(row);

export interface NextAct {
  action: DepositaryAction;
  windowEnd: string;
  recipient: Recipient | null;
}

const logHas = (condition: ReturnType<typeof and>) =>
  sql`EXISTS (SELECT 1 FROM ${depositaryActions} WHERE ${depositaryActions.agreementId} = ${agreements.id} AND ${condition})`;

/**
 * depositaryProblems(...) is empty, for the agreement, its log and the status registry as they are
 * when the batch runs (src/domain/depositary.ts): the agreement signed on a day, the act not before
 * it, the recipient a member on that day, no second original or second copy to the recipient, and,
 * where the log was kept from the conclusion, the prior step on record no later than the act.
 * test/db/depositary-guards.queries.test.ts proves it agrees with the domain function.
 */
export function depositaryAllowedSql(agreementId: string, next: NextAct) {
  const to = next.recipient;
  const prior = PRIOR_STEP[next.action];
  const conditions = [
    sql`${agreements.lifecycle} IN (${sqlList(SIGNED)}) AND ${agreements.signedPrecision} = 'day'`,
    // notBefore(act, signed): the act's window ends on or after the (day-precise) date of conclusion.
    sql`${next.windowEnd} >= ${agreements.signedDate}`,
    ...(to?.kind === "member_state" ? [sql`${to.state} IN ${membersOnSql(agreements.signedDate)}`] : []),
    ...(next.action === "original_received"
      ? [sql`NOT ${logHas(eq(depositaryActions.action, "original_received"))}`]
      : []),
    ...(to?.kind === "member_state"
      ? [
          sql`NOT ${logHas(and(eq(depositaryActions.action, "copy_forwarded"), eq(depositaryActions.recipientKind, "member_state"), eq(depositaryActions.recipientStateId, to.state)))}`,
        ]
      : []),
    ...(to?.kind === "rats"
      ? [
          sql`NOT ${logHas(and(eq(depositaryActions.action, "copy_forwarded"), eq(depositaryActions.recipientKind, "rats")))}`,
        ]
      : []),
    ...(prior
      ? [
          sql`(${agreements.consentsRecorded} = 0 OR ${logHas(and(eq(depositaryActions.action, prior), sql`${depositaryActions.windowStart} <= ${next.windowEnd}`))})`,
        ]
      : []),
  ];
  return sql`EXISTS (SELECT 1 FROM ${agreements} WHERE ${agreements.id} = ${agreementId} AND ${sql.join(conditions, sql` AND `)})`;
}
