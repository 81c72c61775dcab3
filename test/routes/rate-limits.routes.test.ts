/**
 * The per-client limits (anonymous reads, failed authentication), run against the real Rate Limiting
 * bindings of wrangler.toml as the local simulation (miniflare) implements them.
 *
 * Why these tests cannot depend on the clock: the simulation (miniflare's RateLimiterObject, in
 * node_modules/miniflare/dist/src/workers/ratelimit/) counts in fixed windows aligned to the wall
 * clock: a request at time t belongs to window floor(t / period), a key's count starts at 0 in each
 * window, and a request is refused when its key was already allowed `limit` times in that window.
 * Any stretch of time shorter than one period contains at most one window boundary, so 2L+1 requests
 * sent within it fall into at most two windows, and one of them receives at least L+1 (pigeonhole):
 * the (L+1)th request of that window is refused. `sendUntilRefused` therefore meets a 429 wherever
 * the boundaries fall, provided its loop takes less than one period (60 s). It takes about 10 s at
 * most here (1,201 reads at some 7 ms); a failure message gives the loop's duration, so a machine too
 * slow for the premise is told apart from a broken limiter. Conversely, 2L+1 requests within one
 * period that are never refused prove the limiter is not counting them.
 * Each test uses its own client address (clientIp), so no two tests, or test files, share a budget.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { KEYED_RATE_HEADERS, RATE_LIMITS, READ_RATE_HEADERS } from "../../src/lib/rate-limits";
import { call, clientIp, createKey, expectProblem } from "../helpers";

/** Generous, so that a loaded machine is not failed by the timeout: the premise is checked by `took`. */
const TIMEOUT = 120_000;

/** Sends at most 2·limit+1 requests; returns the first 429, the statuses before it and the loop's duration. */
async function sendUntilRefused(limit: number, send: () => Promise<Response>) {
  const statuses = new Set<number>();
  const start = Date.now();
  const took = () =>
    `${2 * limit + 1} requests in ${((Date.now() - start) / 1000).toFixed(1)} s (the argument needs < 60 s)`;
  for (let i = 0; i < 2 * limit + 1; i++) {
    const res = await send();
    if (res.status === 429) return { refused: res, statuses, took: took() };
    statuses.add(res.status);
    await res.body?.cancel();
  }
  return { refused: undefined, statuses, took: took() };
}

const expectHeaders = (res: Response, headers: Record<string, string>) => {
  for (const [name, value] of Object.entries(headers)) expect(res.headers.get(name), name).toBe(value);
};

async function expectRetryAfter(res: Response, max: number) {
  const seconds = Number(res.headers.get("retry-after"));
  expect(
    Number.isInteger(seconds) && seconds >= 1 && seconds <= max,
    `Retry-After: ${res.headers.get("retry-after")}`,
  ).toBe(true);
  await expectProblem(res, 429);
}

describe("rate-limit configuration", () => {
  it("advertises exactly the limits the bindings in wrangler.toml enforce", () => {
    const configured = Object.fromEntries(
      env.TEST_RATE_LIMITS.map(({ name, limit, period }) => [name, { limit, period }]),
    );
    const advertised = Object.fromEntries(
      Object.values(RATE_LIMITS).map(({ binding, limit, period }) => [binding, { limit, period }]),
    );
    expect(advertised).toEqual(configured);
  });
});

describe("anonymous reads, limited per client", () => {
  it("states the read limit on every answer of a public read, errors included", async () => {
    const ip = clientIp();
    for (const [path, status] of [
      ["/v1/states/KAZ/status", 200],
      ["/v1/roster", 200],
      ["/v1/states?at=2017-13-45", 400],
      ["/v1/states/XYZ", 404],
      ["/openapi.json", 200],
      ["/docs", 200],
      ["/?lang=ru", 200],
    ] as const) {
      const res = await call(path, { headers: { "CF-Connecting-IP": ip } });
      expect(res.status, path).toBe(status);
      expectHeaders(res, READ_RATE_HEADERS);
      await res.body?.cancel();
    }
    const first = await call("/v1/states/KAZ", { headers: { "CF-Connecting-IP": ip } });
    const revalidated = await call("/v1/states/KAZ", {
      headers: { "CF-Connecting-IP": ip, "If-None-Match": first.headers.get("etag")! },
    });
    expect(revalidated.status).toBe(304);
    expectHeaders(revalidated, READ_RATE_HEADERS);
    expect(first.headers.get("access-control-expose-headers")).toContain("RateLimit-Policy");
  });

  it(
    "answers 429 problem+json with Retry-After past the limit, to that client only",
    async () => {
      const ip = clientIp();
      const { limit, period } = RATE_LIMITS.read;
      const { refused, statuses, took } = await sendUntilRefused(limit, () =>
        call("/v1/states/KAZ/status", { headers: { "CF-Connecting-IP": ip } }),
      );
      expect([...statuses]).toEqual([200]);
      expect(refused, `no 429: ${took}`).toBeDefined();
      expectHeaders(refused!, READ_RATE_HEADERS);
      expect(refused!.headers.get("cache-control")).toBe("no-store");
      await expectRetryAfter(refused!, period);
      // The same client is refused on every anonymous read, the pages included; another client is not.
      expect((await call("/v1/roster", { headers: { "CF-Connecting-IP": ip } })).status).toBe(429);
      expect((await call("/?lang=zh", { headers: { "CF-Connecting-IP": ip } })).status).toBe(429);
      expect((await call("/v1/states/KAZ/status", { headers: { "CF-Connecting-IP": clientIp() } })).status).toBe(200);
    },
    TIMEOUT,
  );
});

describe("failed authentication, limited per client", () => {
  const write = (ip: string, key: string) =>
    call("/v1/agreements", {
      method: "POST",
      headers: { "CF-Connecting-IP": ip, Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: '{"bad":true}',
    });
  const UNKNOWN_KEY = "sco_unknown_key_000000000000000000000";

  it(
    "answers 429 instead of 401 past the limit, then refuses the client before looking up any key",
    async () => {
      const editor = await createKey("editor");
      const ip = clientIp();
      const { limit, period } = RATE_LIMITS.authFailure;
      const { refused, statuses, took } = await sendUntilRefused(limit, () => write(ip, UNKNOWN_KEY));
      expect([...statuses]).toEqual([401]);
      expect(refused, `no 429: ${took}`).toBeDefined();
      expectHeaders(refused!, KEYED_RATE_HEADERS);
      await expectRetryAfter(refused!, period);
      // A valid key from the locked-out client is refused too: the key is not even looked up.
      const locked = await write(ip, editor.key);
      await expectRetryAfter(locked, period);
      // Another client is unaffected: its valid key authenticates (422: the body is invalid), an unknown one is a 401.
      await expectProblem(await write(clientIp(), editor.key), 422);
      await expectProblem(await write(clientIp(), UNKNOWN_KEY), 401);
    },
    TIMEOUT,
  );

  it(
    "counts only failures: a client that authenticates is never refused for it",
    async () => {
      const editor = await createKey("editor");
      const ip = clientIp();
      const { statuses, refused, took } = await sendUntilRefused(RATE_LIMITS.authFailure.limit, () =>
        write(ip, editor.key),
      );
      expect(refused, took).toBeUndefined();
      expect([...statuses]).toEqual([422]);
    },
    TIMEOUT,
  );
});
