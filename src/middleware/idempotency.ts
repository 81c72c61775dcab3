/**
 * Idempotency-Key on POSTs: a retry with the same key and the same request gets the first answer
 * again without writing; the same key with a different request is a 422. The record of the first
 * answer is written in the same D1 batch as the write itself (src/lib/write.ts). Records are
 * remembered for IDEMPOTENCY_TTL_HOURS; an older one is ignored, as if the key were new.
 */
import { createMiddleware } from "hono/factory";
import { findIdempotencyRecord, findIdempotentResponse } from "../db/writes";
import { sha256Hex } from "../lib/crypto";
import { isIdempotencyKey, replay } from "../lib/idempotency";
import { idempotencyCutoff } from "../lib/idempotency-window";
import { ApiError } from "../lib/problem";
import type { AppBindings } from "../types";

export const idempotency = createMiddleware<AppBindings>(async (c, next) => {
  const key = c.req.header("Idempotency-Key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!isIdempotencyKey(key))
    throw new ApiError(400, {
      code: "invalid-idempotency-key",
      detail: "Idempotency-Key must be 1-255 visible ASCII characters",
    });
  const url = new URL(c.req.url);
  const requestHash = await sha256Hex(`${c.req.method} ${url.pathname}${url.search}\n${await c.req.text()}`);
  const notBefore = idempotencyCutoff(Date.now());
  // requireRole read the key's record with the API key, in one statement (src/db/api-keys.ts); the
  // bootstrap ADMIN_TOKEN has no key row to join, so its record is read here.
  const lookup = c.var.idempotencyLookup;
  const stored = lookup?.key === key ? lookup.record : await findIdempotencyRecord(c.var.db, c.var.actor.keyId, key);
  const fresh = stored !== undefined && stored.createdAt >= notBefore;
  if (fresh) return replay(stored, requestHash);
  c.set("idempotency", { key, requestHash, notBefore, expiredRecord: stored !== undefined });
  await next();
  if (c.res.status >= 400) {
    // A concurrent request with the same key may have written first (this one then failed on the
    // state it left, e.g. a duplicate id): answer as that first request did.
    const winner = await findIdempotentResponse(c.var.db, c.var.actor.keyId, key, notBefore);
    if (winner) c.res = replay(winner, requestHash);
  }
});
