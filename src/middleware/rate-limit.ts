import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/problem";
import { clientKey, RATE_LIMITS, READ_RATE_HEADERS } from "../lib/rate-limits";
import type { AppBindings } from "../types";

/** The client a per-client limit counts (see clientKey for the fallback). */
export const clientOf = (c: Context<AppBindings>) => clientKey(c.req.header("CF-Connecting-IP"));

/**
 * The 429 of a binding's refusal. The binding does not say when its window ends, so Retry-After is
 * the whole period: waiting that long is always enough.
 */
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new ApiError(429, { code: "rate-limited", detail, headers: { "Retry-After": String(retryAfterSeconds) } });

/**
 * Every anonymous read, per client, by the READ_LIMITER binding. The headers are set before the
 * check so that every answer (a 400, 404 or 429 included) states the limit.
 */
export const readRateLimit = createMiddleware<AppBindings>(async (c, next) => {
  for (const [name, value] of Object.entries(READ_RATE_HEADERS)) c.header(name, value);
  const client = clientOf(c);
  const { success } = await c.env.READ_LIMITER.limit({ key: client });
  if (!success) {
    const { limit, period } = RATE_LIMITS.read;
    throw tooManyRequests(`Too many reads from ${client}: at most ${limit} per ${period} s; wait and retry`, period);
  }
  await next();
});

/** Per-key limit on every operation that needs a key, by the WRITE_LIMITER binding; runs after requireRole. */
export const writeRateLimit = createMiddleware<AppBindings>(async (c, next) => {
  const { success } = await c.env.WRITE_LIMITER.limit({ key: c.var.actor.keyId });
  if (!success) {
    const { limit, period } = RATE_LIMITS.write;
    throw tooManyRequests(
      `Too many requests with key ${c.var.actor.keyId}: at most ${limit} per ${period} s; wait and retry`,
      period,
    );
  }
  await next();
});
