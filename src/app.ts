import { Scalar } from "@scalar/hono-api-reference";
import { bodyLimit } from "hono/body-limit";
import { languageDetector } from "hono/language";
import { secureHeaders } from "hono/secure-headers";
import { createRouter } from "./lib/create-router";
import { OPENAPI_INFO } from "./lib/openapi";
import { LANGUAGES } from "./lib/params";
import { ApiError, notFound, onError } from "./lib/problem";
import { MAX_BODY_BYTES, requireJsonBody } from "./middleware/json-body";
import { db } from "./middleware/db";
import { etag } from "./middleware/etag";
import { requestIds } from "./middleware/request-id";
import { corsPreflight, responseHeaders } from "./middleware/response-headers";
import { agreements } from "./routes/agreements/agreements.index";
import { apiKeys } from "./routes/api-keys/api-keys.index";
import { audit } from "./routes/audit/audit.index";
import { changes } from "./routes/changes/changes.index";
import { organisations } from "./routes/organisations/organisations.index";
import { roster } from "./routes/roster/roster.index";
import { states } from "./routes/states/states.index";
import { statusEvents } from "./routes/status-events/status-events.index";
import { timeline } from "./routes/timeline/timeline.index";

export function createApp() {
  const app = createRouter();
  app.use(requestIds);
  // The HTML pages get the full set of security headers; JSON answers need only nosniff (responseHeaders,
  // problems), and the full set measurably slowed the hot reads.
  for (const page of ["/", "/timeline", "/docs"]) app.use(page, secureHeaders());
  app.use(
    languageDetector({
      supportedLanguages: [...LANGUAGES],
      fallbackLanguage: "en",
      order: ["querystring", "header"],
      lookupQueryString: "lang",
      caches: false,
    }),
  );
  app.on("OPTIONS", "/v1/*", corsPreflight);
  app.use("/v1/*", db);
  app.use("/v1/*", requireJsonBody);
  app.use("/v1/*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new ApiError(413, { code: "body-too-large", detail: `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB` }); } }));
  // responseHeaders wraps etag so that a 304 carries the same Cache-Control as the 200 it stands for.
  app.use("/v1/*", responseHeaders);
  app.use("/v1/*", etag);
  app.onError(onError);
  app.notFound(notFound);

  app.route("/", states).route("/", organisations).route("/", roster).route("/", statusEvents);
  app.route("/", agreements).route("/", apiKeys).route("/", audit).route("/", changes);
  app.route("/", timeline);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key of the international-relations department (editor or admin role)",
  });
  app.doc31("/openapi.json", OPENAPI_INFO);
  // The explorer's script is served from this Worker's static assets, so it works with no internet.
  app.get("/docs", Scalar({ url: "/openapi.json", cdn: "/vendor/scalar/standalone.js", pageTitle: "SCO registry API" }));
  return app;
}

export const app = createApp();
