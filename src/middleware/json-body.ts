import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/problem";
import type { AppBindings } from "../types";

export const MAX_BODY_BYTES = 64 * 1024;

/** Writes with a body take JSON only: anything else is a 415 before any other work. */
export const requireJsonBody = createMiddleware<AppBindings>(async (c, next) => {
  if ((c.req.method === "POST" || c.req.method === "PATCH") && c.req.header("Content-Type") !== undefined) {
    const type = c.req.header("Content-Type")!.split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json" && !type.endsWith("+json")) {
      throw new ApiError(415, {
        code: "unsupported-media-type",
        detail: `Send the body as application/json, not ${type || "an empty type"}`,
      });
    }
  }
  await next();
});
