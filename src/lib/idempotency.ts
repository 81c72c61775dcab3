/** What an Idempotency-Key claims for a request, and how a stored first answer is replayed. */
import { ApiError } from "./problem";

export type { IdempotencyClaim } from "../types";

const KEY = /^[\x21-\x7e]{1,255}$/;
/** An Idempotency-Key is 1-255 visible ASCII characters (a malformed one is a 400, src/middleware/idempotency.ts). */
export const isIdempotencyKey = (key: string) => KEY.test(key);

/** The first answer again, marked as a replay; a 422 when the key was used for another request. */
export function replay(
  stored: { requestHash: string; status: number; responseBody: string; responseHeaders: string },
  requestHash: string,
) {
  if (stored.requestHash !== requestHash) {
    throw new ApiError(422, {
      code: "idempotency-key-reused",
      detail: "This Idempotency-Key was already used for a different request",
    });
  }
  const headers = new Headers(JSON.parse(stored.responseHeaders) as Record<string, string>);
  headers.set("Idempotent-Replayed", "true");
  return new Response(stored.responseBody, { status: stored.status, headers });
}
