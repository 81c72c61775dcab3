import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, changes, idempotencyKeys, writeGuards } from "../db/schema";

export const findIdempotentResponse = async (db: Db, apiKeyId: string, key: string) =>
  (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key))).limit(1))[0];

/** Inserts 1 while `condition` holds; the CHECK on write_guards aborts the batch otherwise. */
export const guardStatement = (db: Db, condition: SQL) => db.insert(writeGuards).values({ ok: sql`CASE WHEN ${condition} THEN 1 ELSE 0 END` });
/** Evaluates a guard's condition now, outside any batch. */
export const holds = async (db: Db, condition: SQL) => ((await db.get<{ ok: number }>(sql`SELECT CASE WHEN ${condition} THEN 1 ELSE 0 END AS ok`))?.ok ?? 0) === 1;
export const clearGuards = (db: Db) => db.delete(writeGuards);

export const insertAudit = (db: Db, row: typeof auditLog.$inferInsert) => db.insert(auditLog).values(row);
export const insertChange = (db: Db, row: typeof changes.$inferInsert) => db.insert(changes).values(row);
export const insertIdempotency = (db: Db, row: typeof idempotencyKeys.$inferInsert) => db.insert(idempotencyKeys).values(row);
