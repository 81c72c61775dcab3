import { createMiddleware } from "hono/factory";
import { createDb } from "../db/client";
import type { AppBindings } from "../types";

/** Builds the drizzle client once per request; handlers and queries read it from `c.var.db`. */
export const db = createMiddleware<AppBindings>(async (c, next) => {
  c.set("db", createDb(c.env.DB));
  await next();
});
