import { html } from "hono/html";
import { allAttendances } from "../../db/evidence";
import { listTerms } from "../../db/secretariat";
import { today } from "../../domain/dates";
import type { AppRouteHandler } from "../../types";
import { evidenceModel } from "./timeline.evidence";
import { buildTimeline } from "./timeline.model";
import { listTimelineParties, listTimelinePeriods } from "./timeline.queries";
import type { HomeRoute } from "./timeline.routes";
import { TimelinePage } from "./timeline.view";

export const page: AppRouteHandler<HomeRoute> = async (c) => {
  const [parties, periods, terms, attendances] = await Promise.all([
    listTimelineParties(c.var.db),
    listTimelinePeriods(c.var.db),
    listTerms(c.var.db),
    allAttendances(c.var.db),
  ]);
  // ?lang= was validated by the route; languageDetector already resolved it (or Accept-Language).
  const lang = c.var.language;
  const model = buildTimeline(parties, periods, lang, today(), terms);
  const evidence = evidenceModel(parties, attendances, lang);
  // The nonce of this answer's CSP (timelineHeaders in src/middleware/security-headers.ts).
  const nonce = c.get("secureHeadersNonce") ?? "";
  return c.html(html`<!DOCTYPE html>${<TimelinePage m={model} evidence={evidence} nonce={nonce} />}`, 200, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "public, max-age=60",
    "Content-Language": lang,
    Vary: "Accept-Language",
  });
};
