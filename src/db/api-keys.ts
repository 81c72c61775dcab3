/** The key lookup authentication needs (src/middleware/auth.ts); the keys' own routes query the rest. */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { apiKeys } from "./schema";

/** The unrevoked key whose secret hashes to `hash`, if any. */
export const findActiveKeyByHash = async (db: Db, hash: string) =>
  (
    await db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
      .limit(1)
  )[0];
