import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { Db } from "./db/client";
import type { idempotencyKeys } from "./db/schema";
import type { Language } from "./lib/params";

export type Role = "editor" | "admin";

/** Who is writing: an API key (or the bootstrap ADMIN_TOKEN). */
export interface Actor {
  keyId: string;
  name: string;
  role: Role;
}

export interface AppBindings {
  Bindings: Env;
  Variables: {
    db: Db;
    /** the request's D1 session (src/lib/d1-session.ts); `db` runs on it */
    session: D1DatabaseSession;
    /** the server's id of this request (src/middleware/request-id.ts) */
    requestId: string;
    /** the caller's X-Request-Id, when valid; never used as the request's id */
    clientRequestId: string | undefined;
    /**
     * hono/language's languageDetector (src/app.ts) sets one of its supportedLanguages, LANGUAGES, or
     * its fallback, "en"; hono types it `string`, which this narrows.
     */
    language: Language;
    actor: Actor;
    /** set by src/middleware/idempotency.ts when a POST carries an Idempotency-Key */
    idempotency?: IdempotencyClaim;
    /**
     * set by requireRole when it read the API key's record of this POST's Idempotency-Key together
     * with the key (src/db/api-keys.ts; `record` is undefined when there is none), so that
     * src/middleware/idempotency.ts need not read it again.
     */
    idempotencyLookup?: { key: string; record: typeof idempotencyKeys.$inferSelect | undefined };
  } & SecureHeadersVariables;
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;

/** What a POST with an Idempotency-Key claims (src/middleware/idempotency.ts); commitWrite records it. */
export interface IdempotencyClaim {
  key: string;
  requestHash: string;
  /** records created before this instant are expired: not replayed, and replaced by this request's */
  notBefore: string;
  /** the key has an expired record, which this request's replaces */
  expiredRecord: boolean;
}
