/**
 * Every write of the department goes through `commitWrite`: the write's own statements, its audit
 * record, its entries in the public change feed and its idempotency record run as ONE D1 batch,
 * which D1 applies atomically — a write without its audit record, or the reverse, cannot exist.
 */

import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type Constraint, violatedConstraint } from "../db/constraints";
import {
  deleteExpiredIdempotency,
  findIdempotentResponse,
  guardStatement,
  holds,
  insertAudit,
  insertChange,
  insertIdempotency,
} from "../db/writes";
import type { AppBindings } from "../types";
import { purgeEdgeCache } from "./edge-cache";
import { replay } from "./idempotency";
import { ApiError } from "./problem";

export interface WriteRecord {
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** A condition the batch itself checks; when it fails, nothing is written and `error` is answered. */
export interface Guard {
  condition: SQL;
  /** may read again to say precisely what changed */
  error: () => ApiError | Promise<ApiError>;
}

export interface Write<T, S extends ContentfulStatusCode> {
  /**
   * Must hold when the batch starts: what the handler read and decided on (a version, a log, a
   * tally). Checked inside the batch, so a concurrent write that changed it makes this one fail.
   */
  preconditions?: Guard[];
  statements: BatchItem<"sqlite">[];
  /**
   * Guards one of `statements` evaluates itself, in place of a guard statement: it writes only where
   * they hold, and when it wrote nothing a later statement fails on `constraint`. The consent write's
   * settle bumps the agreement's version only where its guards hold; when it did not, that version
   * is on record already, and recording it again fails on agreement_versions' primary key.
   */
  gated?: { guards: Guard[]; constraint: Constraint };
  /** Invariants that must hold on the state the statements leave, checked inside the batch after them. */
  postconditions?: Guard[];
  record: WriteRecord;
  /** whether the change is public (it goes into /v1/changes); API keys are not */
  publicChange: boolean;
  /** what the change feed says of the entity, when it differs from the audit's `after` (a retraction: null, it is gone) */
  changeData?: unknown;
  status: S;
  body: T;
  /**
   * What the idempotency record keeps, and a replay answers, when it must differ from `body`: an
   * answer that carries a secret (a new API key) is never stored as it is.
   */
  storedBody?: T;
  headers?: Record<string, string>;
  /** maps a constraint failure (a race lost to another writer) to a problem */
  onConstraint?: (constraint: Constraint) => ApiError | undefined;
}

export async function commitWrite<T, S extends ContentfulStatusCode>(c: Context<AppBindings>, w: Write<T, S>) {
  const db = c.var.db;
  const actor = c.var.actor;
  const claim = c.get("idempotency");
  const headers = { "Content-Type": "application/json", ...w.headers };
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const batch: BatchItem<"sqlite">[] = [];
  const pre = w.preconditions ?? [];
  const post = w.postconditions ?? [];
  // One guard statement before the statements and one after, however many conditions each checks.
  const guard = (guards: Guard[]) =>
    guardStatement(
      db,
      guards.map((g) => g.condition),
    );
  if (pre.length > 0) batch.push(guard(pre));
  batch.push(...w.statements);
  if (post.length > 0) batch.push(guard(post));
  batch.push(
    insertAudit(db, {
      actorKeyId: actor.keyId,
      actorName: actor.name,
      action: w.record.action,
      entityType: w.record.entityType,
      entityId: w.record.entityId,
      before: json(w.record.before),
      after: json(w.record.after),
      requestId: c.var.requestId,
      clientRequestId: c.var.clientRequestId ?? null,
    }),
  );
  if (w.publicChange) {
    batch.push(
      insertChange(db, {
        entityType: w.record.entityType,
        entityId: w.record.entityId,
        action: w.record.action,
        data: json(w.changeData === undefined ? w.record.after : w.changeData),
      }),
    );
  }
  const responseBody = JSON.stringify(w.storedBody === undefined ? w.body : w.storedBody);
  if (claim) {
    // An expired record of the same key (not yet deleted by the clean-up) gives way to this one;
    // when the middleware saw none, no statement is spent (a record inserted since is fresh, and
    // the insert below then fails on the key and is answered as that record's first answer).
    if (claim.expiredRecord) batch.push(deleteExpiredIdempotency(db, actor.keyId, claim.key, claim.notBefore));
    batch.push(
      insertIdempotency(db, {
        apiKeyId: actor.keyId,
        key: claim.key,
        requestHash: claim.requestHash,
        status: w.status,
        responseBody,
        responseHeaders: JSON.stringify(headers),
      }),
    );
  }
  try {
    await db.batch(batch as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  } catch (error) {
    const violated = violatedConstraint(error);
    if (violated === "writeGuard" || (violated !== undefined && violated === w.gated?.constraint))
      throw await failedGuard(db, pre, [...(w.gated?.guards ?? []), ...post]);
    if (claim && violated === "idempotencyKey") {
      // A concurrent retry with the same key won the race: answer as it did.
      const stored = await findIdempotentResponse(db, actor.keyId, claim.key, claim.notBefore);
      if (stored)
        throw new HTTPException(stored.status as ContentfulStatusCode, { res: replay(stored, claim.requestHash) });
    }
    const mapped = violated && w.onConstraint?.(violated);
    if (mapped) throw mapped;
    throw error;
  }
  // In the same request, before answering: the writer's next read in this location already misses.
  await purgeEdgeCache(c.req.url, c.var.session.getBookmark());
  return c.json(w.body, w.status, headers);
}

/**
 * Which guard failed (a CHECK failure does not say which condition broke it): the first guard,
 * precondition or postcondition, that does not hold now (a postcondition the write's statements
 * cannot change reads the same before them); if every guard holds by now, the last postcondition's
 * error, or the first precondition's.
 */
async function failedGuard(db: AppBindings["Variables"]["db"], pre: Guard[], post: Guard[]): Promise<ApiError> {
  for (const guard of [...pre, ...post]) if (!(await holds(db, guard.condition))) return guard.error();
  const last = post.at(-1) ?? pre[0];
  return last
    ? last.error()
    : new ApiError(409, {
        code: "conflict",
        detail: "A concurrent change conflicted with this write; reload and retry",
      });
}
