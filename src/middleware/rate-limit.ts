import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/problem";
import type { AppBindings } from "../types";

/** Per-key limit on writes, by the Workers Rate Limiting binding (configured in wrangler.toml). */
export const writeRateLimit = createMiddleware<AppBindings>(async (c, next) => {
  const { success } = await c.env.WRITE_LIMITER.limit({ key: c.var.actor.keyId });
  if (!success) {
    throw new ApiError(429, {
      code: "rate-limited",
      detail: `Too many writes with key ${c.var.actor.keyId}; wait a minute and retry`,
      headers: { "Retry-After": "60" },
    });
  }
  await next();
});
