import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  afterId?: number;
  limit: number;
}

export const listAudit = (db: Db, f: AuditFilter) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
        f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
        f.actor ? eq(auditLog.actorKeyId, f.actor) : undefined,
        f.action ? eq(auditLog.action, f.action) : undefined,
        f.afterId !== undefined ? gt(auditLog.id, f.afterId) : undefined,
      ),
    )
    .orderBy(asc(auditLog.id))
    .limit(f.limit + 1);
