import { createMiddleware } from "hono/factory";
import { weakEtag } from "../lib/etag";
import type { AppBindings } from "../types";

/**
 * ETags and 304s for GET, as hono/etag does them, but cheap on the hot reads. A handler's own
 * ETag is kept: the public reads tag their JSON as they serialise it (`tagged` in src/lib/etag.ts),
 * an agreement is tagged with its version. Any other 200 is read back from its stream and hashed,
 * which is what hono/etag does for every answer, with a chunked reader and an async digest that
 * cost the status read a sixth of its CPU.
 */
export const etag = createMiddleware<AppBindings>(async (c, next) => {
  await next();
  if ((c.req.method !== "GET" && c.req.method !== "HEAD") || c.res.status !== 200) return;
  const headers = c.res.headers;
  let tag = headers.get("ETag");
  if (!tag) {
    tag = weakEtag(await c.res.clone().text());
    headers.set("ETag", tag);
  }
  if (!matches(c.req.header("If-None-Match"), tag)) return;
  await c.res.body?.cancel();
  // Hono carries the 200's headers over to the Response it is given, all but Content-Type: the 304
  // keeps its ETag and request id; responseHeaders then adds Cache-Control and Vary (RFC 9110 §15.4.5).
  c.res = new Response(null, { status: 304 });
});

/** Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; "*" matches any representation. */
function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = tag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}
