import { Scalar } from "@scalar/hono-api-reference";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { languageDetector } from "hono/language";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createRouter } from "./lib/create-router";
import { OPENAPI_INFO } from "./lib/openapi";
import { LANGUAGES } from "./lib/params";
import { notFound, onError } from "./lib/problem";
import { db } from "./middleware/db";
import { publicCache } from "./middleware/public-cache";
import { organisations } from "./routes/organisations/organisations.index";
import { roster } from "./routes/roster/roster.index";
import { states } from "./routes/states/states.index";
import { statusEvents } from "./routes/status-events/status-events.index";

export function createApp() {
  const app = createRouter();
  app.use(requestId());
  app.use(secureHeaders({ crossOriginResourcePolicy: "cross-origin" }));
  app.use(
    languageDetector({
      supportedLanguages: [...LANGUAGES],
      fallbackLanguage: "en",
      order: ["querystring", "header"],
      lookupQueryString: "lang",
      caches: false,
    }),
  );
  app.use("/v1/*", cors({ origin: "*", exposeHeaders: ["ETag", "Link"] }));
  app.use("/v1/*", db);
  app.use("/v1/*", etag({ weak: true }));
  app.use("/v1/*", publicCache);
  app.onError(onError);
  app.notFound(notFound);

  app.route("/", states).route("/", organisations).route("/", roster).route("/", statusEvents);

  app.doc31("/openapi.json", OPENAPI_INFO);
  // The explorer's script is served from this Worker's static assets, so it works with no internet.
  app.get("/docs", Scalar({ url: "/openapi.json", cdn: "/vendor/scalar/standalone.js", pageTitle: "SCO registry API" }));
  return app;
}

export const app = createApp();
