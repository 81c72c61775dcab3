import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/problem";
import type { AppBindings } from "../types";

/** Must equal `simple.limit` of the WRITE_LIMITER binding in wrangler.toml (per 60 s); advertised as X-RateLimit-Limit. */
export const WRITE_LIMIT_PER_MINUTE = 120;

/** Per-key limit on every operation that needs a key, by the Workers Rate Limiting binding (configured in wrangler.toml). */
export const writeRateLimit = createMiddleware<AppBindings>(async (c, next) => {
  const { success } = await c.env.WRITE_LIMITER.limit({ key: c.var.actor.keyId });
  if (!success) {
    throw new ApiError(429, {
      code: "rate-limited",
      detail: `Too many requests with key ${c.var.actor.keyId}; wait a minute and retry`,
      headers: { "Retry-After": "60" },
    });
  }
  await next();
});
