/**
 * Request ids belong to the server. Every request gets a fresh UUID from hono/request-id, told to
 * read no header (with its default it adopts the caller's X-Request-Id, so any key holder could
 * forge or collide the ids in the audit log); answers carry it as X-Request-Id, problems as
 * `requestId`, and the audit log records it. A caller's own X-Request-Id is kept apart, as
 * `clientRequestId` (audit_log.client_request_id), for the caller's correlation only, and only when
 * it is 1–200 visible ASCII characters; otherwise it is ignored.
 */
import { createMiddleware } from "hono/factory";
import { requestId } from "hono/request-id";
import { PATTERN } from "../lib/wire";
import type { AppBindings } from "../types";

export const REQUEST_ID_HEADER = "X-Request-Id";

// headerName "" makes hono/request-id neither read nor write a header: it only generates the id.
const serverId = requestId({ headerName: "" });

export const requestIds = createMiddleware<AppBindings>(async (c, next) =>
  serverId(c, async () => {
    const client = c.req.header(REQUEST_ID_HEADER);
    if (client !== undefined && PATTERN.clientRequestId.test(client)) c.set("clientRequestId", client);
    await next();
    // Set on the finished Response, which the Worker always builds itself (so its headers are
    // mutable): a prepared answer such as an idempotent replay is not built through the context.
    c.res.headers.set(REQUEST_ID_HEADER, c.var.requestId);
  }),
);
