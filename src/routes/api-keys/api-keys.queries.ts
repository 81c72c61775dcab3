import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const findKey = async (db: Db, id: string) =>
  (await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1))[0];

export const listKeys = (db: Db, after: string | undefined, limit: number) =>
  db
    .select()
    .from(apiKeys)
    .where(after ? gt(apiKeys.id, after) : undefined)
    .orderBy(asc(apiKeys.id))
    .limit(limit + 1);

export const insertKey = (db: Db, row: typeof apiKeys.$inferInsert) => db.insert(apiKeys).values(row);

export const revokeKey = (db: Db, id: string, at: string) =>
  db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
