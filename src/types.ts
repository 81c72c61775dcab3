import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { Db } from "./db/client";

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
    /** the server's id of this request (src/middleware/request-id.ts) */
    requestId: string;
    /** the caller's X-Request-Id, when valid; never used as the request's id */
    clientRequestId: string | undefined;
    language: string;
    actor: Actor;
  } & SecureHeadersVariables;
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppBindings>;
