/** The key lookup authentication needs (src/middleware/auth.ts); the keys' own routes query the rest. */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { apiKeys, idempotencyKeys } from "./schema";

const active = (hash: string) => and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt));

/**
 * The unrevoked key whose secret hashes to `hash`, with its record of a POST's Idempotency-Key
 * (whatever its age: the idempotency middleware tells a fresh one from an expired one). One
 * statement, so a keyed write pays one D1 round trip before its handler instead of two: locally each
 * costs about as much as a whole small write (issue 13). Two searches of unique indexes: api_keys by
 * hash, then idempotency_keys by its primary key.
 */
export const activeKeyWithIdempotencyQuery = (db: Db, hash: string, idempotencyKey: string) =>
  db
    .select({ key: apiKeys, idempotencyRecord: idempotencyKeys })
    .from(apiKeys)
    .leftJoin(idempotencyKeys, and(eq(idempotencyKeys.apiKeyId, apiKeys.id), eq(idempotencyKeys.key, idempotencyKey)))
    .where(active(hash))
    .limit(1);

/**
 * The unrevoked key whose secret hashes to `hash`, if any, and, given an Idempotency-Key, the key's
 * record of it read in the same statement (null when there is none).
 */
export async function findActiveKeyByHash(db: Db, hash: string, idempotencyKey?: string) {
  if (idempotencyKey !== undefined) return (await activeKeyWithIdempotencyQuery(db, hash, idempotencyKey))[0];
  const [key] = await db.select().from(apiKeys).where(active(hash)).limit(1);
  return key && { key, idempotencyRecord: null };
}
