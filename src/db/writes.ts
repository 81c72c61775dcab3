import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";
import { auditLog, changes, idempotencyKeys, writeGuards } from "./schema";

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

/** Inserts 1 while `condition` holds; the CHECK on write_guards aborts the batch otherwise. */
export const guardStatement = (db: Db, condition: SQL) =>
  db.insert(writeGuards).values({ ok: sql`CASE WHEN ${condition} THEN 1 ELSE 0 END` });
/** Evaluates a guard's condition now, outside any batch. */
export const holds = async (db: Db, condition: SQL) =>
  ((await db.get<{ ok: number }>(sql`SELECT CASE WHEN ${condition} THEN 1 ELSE 0 END AS ok`))?.ok ?? 0) === 1;
export const clearGuards = (db: Db) => db.delete(writeGuards);

export const insertAudit = (db: Db, row: typeof auditLog.$inferInsert) => db.insert(auditLog).values(row);
export const insertChange = (db: Db, row: typeof changes.$inferInsert) => db.insert(changes).values(row);
export const insertIdempotency = (db: Db, row: typeof idempotencyKeys.$inferInsert) =>
  db.insert(idempotencyKeys).values(row);
