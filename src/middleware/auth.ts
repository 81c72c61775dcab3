/**
 * Bearer authentication for the department's writes. Keys are looked up by their SHA-256 hash
 * (the secret is never stored) and compared in constant time; the Worker secret ADMIN_TOKEN acts
 * as the bootstrap admin key. Public GETs never pass through here. Failed attempts are limited per
 * client (auth-failures.ts): a locked-out client is refused before the key is looked up. A POST's
 * well-formed Idempotency-Key is looked up in the same statement as the key (src/db/api-keys.ts), and
 * src/middleware/idempotency.ts uses that record instead of reading it again.
 */
import { createMiddleware } from "hono/factory";
import { findActiveKeyByHash } from "../db/api-keys";
import { secretsEqual, sha256Hex } from "../lib/crypto";
import { isIdempotencyKey } from "../lib/idempotency";
import { ApiError } from "../lib/problem";
import { KEYED_RATE_HEADERS } from "../lib/rate-limits";
import type { Actor, AppBindings, Role } from "../types";
import { countFailure, refuseLockedOut } from "./auth-failures";
import { clientOf } from "./rate-limit";

const REALM = 'Bearer realm="sco-registry"';
// The scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/i;

const unauthorized = (detail: string, error?: "invalid_request" | "invalid_token") =>
  new ApiError(401, {
    code: "unauthorized",
    detail,
    headers: { "WWW-Authenticate": error ? `${REALM}, error="${error}", error_description="${detail}"` : REALM },
  });

type Authenticated = { actor: Actor; idempotencyLookup?: AppBindings["Variables"]["idempotencyLookup"] };

async function authenticate(
  header: string | undefined,
  env: Env,
  db: AppBindings["Variables"]["db"],
  idempotencyKey: string | undefined,
): Promise<Authenticated> {
  if (!header) throw unauthorized("This operation needs an API key: send Authorization: Bearer <key>");
  const match = BEARER.exec(header.trim());
  if (!match) throw unauthorized("The Authorization header must be 'Bearer <key>'", "invalid_request");
  const token = match[1]!;
  if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.length >= 16 && (await secretsEqual(token, env.ADMIN_TOKEN))) {
    // No key row to join: the idempotency middleware reads the bootstrap key's record itself.
    return { actor: { keyId: "bootstrap", name: "ADMIN_TOKEN (bootstrap)", role: "admin" } };
  }
  const hash = await sha256Hex(token);
  const found = await findActiveKeyByHash(db, hash, idempotencyKey);
  if (!found || !(await secretsEqual(found.key.hash, hash)))
    throw unauthorized("The API key is unknown or revoked", "invalid_token");
  const { key, idempotencyRecord } = found;
  return {
    actor: { keyId: key.id, name: key.name, role: key.role },
    idempotencyLookup:
      idempotencyKey === undefined ? undefined : { key: idempotencyKey, record: idempotencyRecord ?? undefined },
  };
}

/**
 * A POST's well-formed Idempotency-Key, whose record is read with the API key in one statement
 * (src/db/api-keys.ts: one D1 round trip instead of two before a keyed write's handler). A malformed
 * one is not read here: the idempotency middleware answers it with a 400, after authentication as before.
 */
const idempotencyKeyOf = (method: string, header: string | undefined) =>
  method === "POST" && header !== undefined && isIdempotencyKey(header) ? header : undefined;

/** Requires a valid key of at least `role` (admin includes editor). */
export const requireRole = (role: Role) =>
  createMiddleware<AppBindings>(async (c, next) => {
    // Every answer of a keyed operation, a 401 or 429 included, states its limits (writeRateLimit, auth-failures.ts).
    for (const [name, value] of Object.entries(KEYED_RATE_HEADERS)) c.header(name, value);
    const client = clientOf(c);
    refuseLockedOut(client);
    let authenticated: Authenticated;
    try {
      const idempotencyKey = idempotencyKeyOf(c.req.method, c.req.header("Idempotency-Key"));
      authenticated = await authenticate(c.req.header("Authorization"), c.env, c.var.db, idempotencyKey);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) await countFailure(c.env.AUTH_FAILURE_LIMITER, client);
      throw err;
    }
    const { actor, idempotencyLookup } = authenticated;
    if (role === "admin" && actor.role !== "admin") {
      throw new ApiError(403, {
        code: "forbidden",
        detail: `This operation needs an admin key; key ${actor.keyId} is an ${actor.role} key`,
        headers: { "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="admin"` },
      });
    }
    c.set("actor", actor);
    if (idempotencyLookup) c.set("idempotencyLookup", idempotencyLookup);
    await next();
  });
