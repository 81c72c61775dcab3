/**
 * Bounded building blocks for wire schemas. Every string, array and integer of the contract states
 * its size (OWASP API4: unrestricted resource consumption); the bounds are the ones the writes
 * enforce, so whatever the registry serves fits them.
 */
import { z } from "@hono/zod-openapi";

/** Lengths shared by inputs and answers. */
export const MAX = {
  partyId: 40,
  name: 200,
  agreementId: 80,
  timestamp: 30,
  requestId: 255,
  clientRequestId: 200,
  keyId: 40,
} as const;

/**
 * Ceiling of a list answered in one piece (the member states, one party's events). Not enforced by a
 * write: it is orders of magnitude above any real count (10 members, at most 6 events per party).
 */
export const MAX_LIST = 1000;

export const str = (max: number) => z.string().max(max);

/** Patterns of server-made strings. */
export const PATTERN = {
  /** base64url, as encodeCursor writes it */
  cursor: /^[A-Za-z0-9_-]*$/,
  /** an API key id, or `bootstrap` for the ADMIN_TOKEN */
  keyId: /^(bootstrap|key_[0-9a-f]{16})$/,
  /** the server's request id: a UUID (records written before ids were the server's may hold a caller's id of these characters) */
  requestId: /^[\w=-]*$/,
  /** a caller's own X-Request-Id, kept apart from the server's (src/middleware/request-id.ts) */
  clientRequestId: /^[\x21-\x7e]{1,200}$/,
  /** state, organisation, status_event, agreement, consent, api_key */
  entityType: /^[a-z_]+$/,
  /** e.g. agreement.concluded, or created for the seeded history */
  action: /^[a-z_]+(\.[a-z_]+)?$/,
  /** an agreement id, an event id, a key id, or agreement/STATE for a consent */
  entityId: /^[A-Za-z0-9_/-]+$/,
} as const;

/** An integer in int32 range, at least `min`. */
export const int32 = (min = 0, max = 2_147_483_647) => z.number().int().min(min).max(max).openapi({ format: "int32" });

/** A server-made ISO 8601 timestamp, e.g. 2026-11-24T10:00:00.000Z. */
export const timestamp = () =>
  z.string().max(MAX.timestamp).openapi({ format: "date-time", example: "2026-11-24T10:00:00.000Z" });

/** A calendar day as served: YYYY-MM-DD. */
export const day = () => z.string().max(10).openapi({ format: "date", example: "2020-01-01" });

/** A state code (alpha-3) as served. */
export const stateCode = () =>
  z
    .string()
    .max(3)
    .regex(/^[A-Z]{3}$/)
    .openapi({ example: "KAZ" });

/** A state code or an organisation id as served. */
export const partyId = () =>
  z
    .string()
    .max(MAX.partyId)
    .regex(/^[A-Za-z0-9-]{2,40}$/)
    .openapi({ example: "IRN" });
