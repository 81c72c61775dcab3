/** What an Idempotency-Key claims for a request, and how a stored first answer is replayed. */
import { ApiError } from "./problem";

export type { IdempotencyClaim } from "../types";

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
