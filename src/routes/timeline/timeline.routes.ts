import { z } from "@hono/zod-openapi";
import { LangQuery } from "../../lib/params";
import { publicPage } from "../operations";

/** Only `lang`: any other language is the usual 400 problem. */
export const TimelineQuery = z.object({ lang: LangQuery });

const page = (path: string) =>
  publicPage({ path, summary: "Timeline of every party's status (HTML)", request: { query: TimelineQuery } });

export const home = page("/");
export const timeline = page("/timeline");

export type HomeRoute = typeof home;
