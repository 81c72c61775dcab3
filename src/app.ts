import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { languageDetector } from "hono/language";
import { allowedMethods } from "./lib/allowed-methods";
import { createRouter } from "./lib/create-router";
import { explorerConfig } from "./lib/explorer";
import { OPENAPI_INFO } from "./lib/openapi";
import { LANGUAGES, type Language } from "./lib/params";
import { ApiError, notFound, onError } from "./lib/problem";
import { db } from "./middleware/db";
import { etag } from "./middleware/etag";
import { htmlLang } from "./middleware/html-lang";
import { MAX_BODY_BYTES, requireJsonBody } from "./middleware/json-body";
import { readRateLimit } from "./middleware/rate-limit";
import { requestIds } from "./middleware/request-id";
import { corsPreflight, responseHeaders } from "./middleware/response-headers";
import { docsHeaders, nosniff, timelineHeaders } from "./middleware/security-headers";
import { agreements } from "./routes/agreements/agreements.index";
import { apiKeys } from "./routes/api-keys/api-keys.index";
import { audit } from "./routes/audit/audit.index";
import { changes } from "./routes/changes/changes.index";
import { consents } from "./routes/consents/consents.index";
import { depositary } from "./routes/depositary/depositary.index";
import { exportsRouter } from "./routes/exports/exports.index";
import { organisations } from "./routes/organisations/organisations.index";
import { partyLookup } from "./routes/parties/parties.index";
import { roster } from "./routes/roster/roster.index";
import { scoStatuses } from "./routes/sco-statuses/sco-statuses.index";
import { secretariat } from "./routes/secretariat/secretariat.index";
import { states } from "./routes/states/states.index";
import { statusEvents } from "./routes/status-events/status-events.index";
import { timeline } from "./routes/timeline/timeline.index";

export function createApp() {
  const app = createRouter();
  app.use(nosniff);
  app.use(requestIds);
  // The HTML pages get the full set of security headers and a strict CSP; JSON answers need only
  // nosniff, and the full set costs the hot reads measurably.
  app.use("/", timelineHeaders).use("/timeline", timelineHeaders).use("/docs", docsHeaders);
  app.use(
    languageDetector({
      supportedLanguages: [...LANGUAGES],
      fallbackLanguage: "en" satisfies Language,
      order: ["querystring", "header"],
      lookupQueryString: "lang",
      caches: false,
    }),
  );
  app.on("OPTIONS", "/v1/*", corsPreflight);
  app.use("/v1/*", db);
  app.use("/v1/*", requireJsonBody);
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, {
          code: "body-too-large",
          detail: `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`,
        });
      },
    }),
  );
  // responseHeaders wraps etag so that a 304 carries the same Cache-Control as the 200 it stands for.
  app.use("/v1/*", responseHeaders);
  app.use("/v1/*", etag);
  // Public /v1 reads and the timeline pages carry readRateLimit in their route definitions (keyed
  // operations are limited per key instead); the contract and the explorer count as reads too.
  // Static assets (the explorer's script) are served before the Worker runs and are not counted.
  for (const path of ["/openapi.json", "/docs"]) app.use(path, readRateLimit);
  app.onError(onError);
  app.notFound(notFound(allowedMethods(app.routes)));

  app.route("/", states).route("/", organisations).route("/", partyLookup).route("/", roster).route("/", statusEvents);
  app
    .route("/", agreements)
    .route("/", consents)
    .route("/", depositary)
    .route("/", apiKeys)
    .route("/", audit)
    .route("/", changes)
    .route("/", exportsRouter);
  app.route("/", secretariat).route("/", scoStatuses);
  app.route("/", timeline);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key of the international-relations department (editor or admin role)",
  });
  app.doc31("/openapi.json", OPENAPI_INFO);
  // Scalar's interface and the document are in English; its template gives <html> no lang.
  app.get("/docs", htmlLang("en"), Scalar(explorerConfig));
  return app;
}

export const app = createApp();
