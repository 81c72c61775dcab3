/**
 * The three Workers Rate Limiting bindings of wrangler.toml ([[ratelimits]]) and what the answers say
 * about them. Each `limit`/`period` must equal its binding's `simple` settings: the binding cannot be
 * asked for its configuration, and test/routes/rate-limits.routes.test.ts compares them with wrangler.toml.
 *
 * The binding answers only "allowed or not", so the answers state what is known for sure: the limit
 * and its window (X-RateLimit-Limit, and RateLimit-Policy as in draft-ietf-httpapi-ratelimit-headers-08).
 * They never invent a remaining count or a reset time.
 */
export const RATE_LIMITS = {
  /** Every anonymous read (public /v1 GETs, the timeline pages, /openapi.json, /docs), per client. */
  read: { binding: "READ_LIMITER", limit: 600, period: 60 },
  /** Every operation that needs an API key, per key, once the key is authenticated. */
  write: { binding: "WRITE_LIMITER", limit: 120, period: 60 },
  /** Failed authentication (each 401), per client; past it, 429 before any key lookup. */
  authFailure: { binding: "AUTH_FAILURE_LIMITER", limit: 10, period: 60 },
} as const;

export type RatePolicy = (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS];

/** A RateLimit-Policy item (draft-08 structured field): `"read";q=600;w=60`. */
export const policyItem = (name: keyof typeof RATE_LIMITS) =>
  `"${name}";q=${RATE_LIMITS[name].limit};w=${RATE_LIMITS[name].period}`;

/** The headers every answer of a public read carries. */
export const READ_RATE_HEADERS = {
  "X-RateLimit-Limit": String(RATE_LIMITS.read.limit),
  "RateLimit-Policy": policyItem("read"),
} as const;

/**
 * The headers every answer of a keyed operation carries: X-RateLimit-Limit is the per-key limit;
 * the policy also names the per-client budget of failed authentication that the operation enforces.
 */
export const KEYED_RATE_HEADERS = {
  "X-RateLimit-Limit": String(RATE_LIMITS.write.limit),
  "RateLimit-Policy": `${policyItem("write")}, ${policyItem("authFailure")}`,
} as const;

/** Client addresses are at most this long (an IPv6 address is at most 45 characters). */
const MAX_CLIENT_KEY = 64;

/**
 * Whom a per-client limit counts: the CF-Connecting-IP header, which Cloudflare's edge sets to the
 * visitor's address on every request (a client cannot forge it there; `wrangler dev` sets it too).
 * A request without it (only possible off Cloudflare, e.g. a test calling the Worker directly)
 * counts against the one shared key "unknown": such callers share one budget rather than escape it.
 */
export function clientKey(connectingIp: string | undefined): string {
  const ip = connectingIp?.trim();
  return ip ? ip.slice(0, MAX_CLIENT_KEY) : "unknown";
}
