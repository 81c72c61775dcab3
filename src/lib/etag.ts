import type { Context } from "hono";
import { hash53 } from "./hash";

/** The weak ETag of a representation's text. */
export const weakEtag = (text: string) => `W/"${hash53(text)}"`;

/**
 * Tags a public read with the weak ETag of its JSON, and returns it for `c.json`. The etag
 * middleware (src/middleware/etag.ts) answers 304 from this tag; an untagged answer makes it read
 * the body back from the Response stream instead, which costs the hot reads far more than
 * serialising a small object twice (`npm run bench:profile`).
 */
export function tagged<T>(c: Context, body: T): T {
  c.header("ETag", weakEtag(JSON.stringify(body)));
  return body;
}
