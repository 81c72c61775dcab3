import { exports } from "cloudflare:workers";
import { expect } from "vitest";

const BASE = "http://registry.test";

/** Sends a request through the Worker's own fetch handler, as a client over HTTP would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export async function getJson<T = any>(path: string, init: RequestInit = {}): Promise<{ res: Response; body: T }> {
  const res = await call(path, init);
  const body = (await res.json()) as T;
  return { res, body };
}

/** Asserts an RFC 9457 problem of the given status and returns its body. */
export async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/problems\//), title: expect.any(String), detail: expect.any(String) });
  expect(typeof body.requestId).toBe("string");
  return body;
}
