import { asc, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { changes } from "../../db/schema";

export const listChanges = (db: Db, afterId: number, limit: number) =>
  db
    .select()
    .from(changes)
    .where(gt(changes.id, afterId))
    .orderBy(asc(changes.id))
    .limit(limit + 1);
