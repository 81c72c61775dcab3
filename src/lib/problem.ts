/**
 * One error shape for the whole API: RFC 9457 problem details, served as application/problem+json.
 */
import { z } from "@hono/zod-openapi";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { getPathNoStrict } from "hono/utils/url";
import type { AppBindings } from "../types";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Bounds of a problem's free text, so an error answer never echoes an unbounded request back. */
const LIMITS = { detail: 2000, instance: 2048, errors: 100, errorText: 500 } as const;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const ProblemSchema = z
  .object({
    type: z.string().max(200).openapi({
      format: "uri-reference",
      description: "URI reference naming the kind of problem",
      example: "/problems/not-found",
    }),
    title: z
      .string()
      .max(100)
      .openapi({ description: "Short, stable summary of the kind of problem", example: "Not found" }),
    status: z
      .number()
      .int()
      .min(400)
      .max(599)
      .openapi({ format: "int32", description: "HTTP status code", example: 404 }),
    detail: z
      .string()
      .max(LIMITS.detail)
      .openapi({ description: "What went wrong in this request", example: 'No state with code "XYZ"' }),
    instance: z
      .string()
      .max(LIMITS.instance)
      .openapi({ format: "uri-reference", description: "The request path", example: "/v1/states/XYZ" }),
    requestId: z
      .string()
      .max(255)
      .openapi({ description: "Correlates the answer with the server's logs", example: "7f2c1d0e-…" }),
    errors: z
      .array(
        z.object({
          path: z.string().max(LIMITS.errorText).openapi({ example: "at" }),
          message: z.string().max(LIMITS.errorText).openapi({ example: "Invalid date" }),
          code: z.string().max(50).openapi({ example: "custom" }),
        }),
      )
      .max(LIMITS.errors)
      .optional()
      .openapi({ description: "Each invalid field, for validation problems" }),
  })
  .catchall(z.unknown())
  .openapi("Problem");
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Content too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  428: "Precondition required",
  429: "Too many requests",
  500: "Internal server error",
};

export interface ProblemInit {
  detail: string;
  /** short kebab-case name of the problem kind; defaults to the status title */
  code?: string;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/** Thrown by handlers and middleware; `onError` turns it into a problem response. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, init: ProblemInit) {
    super(status, { message: init.detail });
    this.code = init.code ?? slug(TITLES[status] ?? "error");
    this.detail = init.detail;
    this.extra = init.extra ?? {};
    this.headers = init.headers ?? {};
  }
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export function problem(c: Context<AppBindings>, status: ContentfulStatusCode, init: ProblemInit) {
  const body: Problem = {
    type: `/problems/${init.code ?? slug(TITLES[status] ?? "error")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail: clip(init.detail, LIMITS.detail),
    instance: clip(new URL(c.req.url).pathname, LIMITS.instance),
    requestId: c.get("requestId") ?? "",
    ...init.extra,
  };
  return c.json(body, status, { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...init.headers });
}

export const onError: ErrorHandler<AppBindings> = (err, c) => {
  if (err instanceof ApiError) {
    return problem(c, err.status as ContentfulStatusCode, {
      detail: err.detail,
      code: err.code,
      headers: err.headers,
      extra: err.extra,
    });
  }
  if (err instanceof HTTPException && err.res) return err.getResponse(); // a prepared answer, e.g. an idempotent replay
  if (err instanceof HTTPException) {
    // Hono's own middleware (malformed JSON, body limit, ...) throws these for client mistakes.
    const status = err.status as ContentfulStatusCode;
    const headers = Object.fromEntries(
      [...err.getResponse().headers].filter(([name]) => name.toLowerCase() !== "content-type"),
    );
    return problem(c, status, { detail: err.message || TITLES[status] || "Error", headers });
  }
  console.error(JSON.stringify({ requestId: c.get("requestId"), error: String(err), stack: (err as Error).stack }));
  return problem(c, 500, { detail: "The server failed to answer this request; it has been logged." });
};

/**
 * No route answered: a 405 with `Allow` when the path is served under other methods (RFC 9110
 * §15.5.6), else a 404. `allowed` reads the app's routes (src/lib/allowed-methods.ts).
 */
export const notFound =
  (allowed: (path: string) => string[] | undefined): NotFoundHandler<AppBindings> =>
  (c) => {
    const path = new URL(c.req.url).pathname;
    // The path as the app's router saw it (createRouter sets strict: false: /v1/roster/ is /v1/roster).
    const allow = allowed(getPathNoStrict(c.req.raw));
    if (!allow) return problem(c, 404, { detail: `No resource at ${c.req.method} ${path}` });
    return problem(c, 405, {
      code: "method-not-allowed",
      detail: `${c.req.method} is not allowed on ${path}; allowed: ${allow.join(", ")}`,
      headers: { Allow: allow.join(", ") },
    });
  };

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
  code: string;
}

/** Turns zod issues into the `errors` array of a validation problem. */
export function validationProblem(c: Context<AppBindings>, target: string, issues: readonly ZodIssueLike[]) {
  const inBody = target === "json" || target === "form";
  const errors = issues.slice(0, LIMITS.errors).map((i) => ({
    path: clip(i.path.map(String).join(".") || target, LIMITS.errorText),
    message: clip(i.message, LIMITS.errorText),
    code: i.code,
  }));
  const where = inBody ? "request body" : `${target === "param" ? "path" : target} parameters`;
  return problem(c, inBody ? 422 : 400, {
    code: inBody ? "validation-failed" : "invalid-parameters",
    detail: `Invalid ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    extra: { errors },
  });
}
