import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppBindings } from "../types";
import { validationProblem } from "./problem";

/** The only router constructor: every router shares the bindings type and the validation hook. */
export function createRouter() {
  return new OpenAPIHono<AppBindings>({
    strict: false,
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.target, result.error.issues);
    },
  });
}
