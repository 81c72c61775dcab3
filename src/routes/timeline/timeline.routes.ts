import { createRoute, z } from "@hono/zod-openapi";
import { LangQuery } from "../../lib/params";
import { readRateLimit } from "../../middleware/rate-limit";

/** Only `lang`: any other language is the usual 400 problem. */
export const TimelineQuery = z.object({ lang: LangQuery });

// The page is HTML for people, not part of the API contract, so it stays out of the OpenAPI document.
const page = (path: string) =>
  createRoute({
    method: "get",
    path,
    hide: true,
    // An anonymous read like any other: it counts against the client's read limit.
    middleware: readRateLimit,
    summary: "Timeline of every party's status (HTML)",
    request: { query: TimelineQuery },
    responses: { 200: { description: "The timeline page", content: { "text/html": { schema: z.string() } } } },
  });

export const home = page("/");
export const timeline = page("/timeline");

export type HomeRoute = typeof home;
