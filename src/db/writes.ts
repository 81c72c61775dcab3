import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";
import { auditLog, changes, idempotencyKeys, writeGuards } from "./schema";

/** This key's record, whatever its age: the middleware tells a fresh one (replayed) from an expired one. */
export const findIdempotencyRecord = async (db: Db, apiKeyId: string, key: string) =>
  (
    await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)))
      .limit(1)
  )[0];

/** The record of this key's first answer, unless it is older than `notBefore` (src/lib/idempotency-window.ts). */
export const findIdempotentResponse = async (db: Db, apiKeyId: string, key: string, notBefore: string) =>
  (
    await db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.apiKeyId, apiKeyId),
          eq(idempotencyKeys.key, key),
          gte(idempotencyKeys.createdAt, notBefore),
        ),
      )
      .limit(1)
  )[0];

/**
 * Deletes this key's record only if it has expired, so that a fresh request with a key past its
 * window can insert its own record. A record inside the window is left alone: the insert after it
 * then fails on the primary key, and the write is answered as the record's first answer.
 */
export const deleteExpiredIdempotency = (db: Db, apiKeyId: string, key: string, notBefore: string) =>
  db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.apiKeyId, apiKeyId),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, notBefore),
      ),
    );

/** Every record older than `notBefore` (the scheduled clean-up; idempotency_keys_created_idx). */
export const deleteExpiredIdempotencyRecords = (db: Db, notBefore: string) =>
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, notBefore));

/**
 * ONE statement for all the guards at one point of a batch. It inserts nothing while every
 * condition holds, and a row with ok = 0 otherwise, which the CHECK on write_guards refuses, so the
 * whole batch is rolled back. Nothing is ever left in write_guards: no clean-up statement. (A NULL
 * condition counts as failed, as in `holds`.)
 */
export const guardStatement = (db: Db, conditions: SQL[]) =>
  db.insert(writeGuards).select(
    sql`SELECT 0 WHERE (CASE WHEN ${sql.join(
      conditions.map((c) => sql`(${c})`),
      sql` AND `,
    )} THEN 1 ELSE 0 END) = 0`,
  );
/** Evaluates a guard's condition now, outside any batch. */
export const holds = async (db: Db, condition: SQL) =>
  ((await db.get<{ ok: number }>(sql`SELECT CASE WHEN ${condition} THEN 1 ELSE 0 END AS ok`))?.ok ?? 0) === 1;

export const insertAudit = (db: Db, row: typeof auditLog.$inferInsert) => db.insert(auditLog).values(row);
export const insertChange = (db: Db, row: typeof changes.$inferInsert) => db.insert(changes).values(row);
export const insertIdempotency = (db: Db, row: typeof idempotencyKeys.$inferInsert) =>
  db.insert(idempotencyKeys).values(row);
