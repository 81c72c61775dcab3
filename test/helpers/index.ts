import { exports } from "cloudflare:workers";
import { expect } from "vitest";

const BASE = "http://registry.test";

/** A fresh client address: 64 random bits under the IPv6 documentation prefix 2001:db8::/32 (RFC 3849). */
export function clientIp(): string {
  const groups = [...crypto.getRandomValues(new Uint16Array(4))].map((n) => n.toString(16));
  return `2001:db8:${groups.join(":")}::1`;
}

/**
 * Gives a request its own client address (CF-Connecting-IP, which Cloudflare sets in production)
 * unless it names one. The per-client limits (reads, failed authentication) are then reached only by
 * the tests that aim at them with one address (test/routes/rate-limits.routes.test.ts), never by the
 * thousands of requests of the other tests and the fuzzer, and test files never share a budget.
 */
export function fromClient(headers: HeadersInit | undefined): Headers {
  const out = new Headers(headers);
  if (!out.has("CF-Connecting-IP")) out.set("CF-Connecting-IP", clientIp());
  return out;
}

/** Sends a request through the Worker's own fetch handler, as a client over HTTP would. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, { ...init, headers: fromClient(init.headers) }));
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
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(typeof body.requestId).toBe("string");
  return body;
}

/** The ADMIN_TOKEN the test Worker is given in test/vitest.config.ts. */
export const ADMIN_TOKEN = "test-admin-token-0123456789";

export function send(method: string, path: string, body: unknown, key?: string, headers: Record<string, string> = {}) {
  return call(path, {
    method,
    headers: { "Content-Type": "application/json", ...(key && { Authorization: `Bearer ${key}` }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * Keys are minted by a "key maker" admin key rather than ADMIN_TOKEN itself: every operation that
 * needs a key counts against that key's WRITE_LIMITER budget (120 a minute), and the test files
 * that share a worker (test/vitest.config.ts, project "shared") share its storage and its limiter.
 * A maker is replaced after MINTS_PER_MAKER keys, so no budget is ever reached whatever the pace.
 */
const MINTS_PER_MAKER = 60;
let maker: { key: string; mints: number } | undefined;

async function mintWith(token: string, name: string, role: "editor" | "admin") {
  const res = await send("POST", "/v1/api-keys", { name, role }, token);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; key: string; role: string };
}

/** Creates an API key of `role` and returns its id and secret. */
export async function createKey(role: "editor" | "admin", name = `test ${role}`) {
  if (!maker || maker.mints >= MINTS_PER_MAKER)
    maker = { key: (await mintWith(ADMIN_TOKEN, "test key maker", "admin")).key, mints: 0 };
  maker.mints++;
  return mintWith(maker.key, name, role);
}

let counter = 0;
/** A fresh id, so tests never depend on each other's rows (random too: files may share a database). */
export const uniqueId = (prefix = "t") =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;

/** Every item of a paged list, following nextCursor: a test finds its rows however many others share the database. */
export async function allItems<T = any>(path: string, init: RequestInit = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page: { res: Response; body: { items: T[]; nextCursor: string | null } } = await getJson(
      `${path}${cursor ? `${sep}cursor=${cursor}` : ""}`,
      init,
    );
    expect(page.res.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

export async function draftAgreement(key: string, overrides: Record<string, unknown> = {}) {
  const res = await send(
    "POST",
    "/v1/agreements",
    {
      id: uniqueId("agr"),
      kind: "memorandum_of_understanding",
      title: {
        en: "Memorandum of Understanding between the SCO Secretariat and the ASEAN Secretariat on cultural cooperation",
      },
      counterparties: ["asean"],
      sources: ["Test fixture"],
      ...overrides,
    },
    key,
  );
  expect(res.status).toBe(201);
  return {
    body: (await res.json()) as any,
    etag: res.headers.get("etag")!,
    bookmark: res.headers.get("x-d1-bookmark")!,
  };
}

/** Drafts an agreement and submits it for consent; returns its id and current ETag. */
export async function agreementAwaitingConsent(key: string, proposed?: string) {
  const { body, etag } = await draftAgreement(key, proposed ? { proposed } : {});
  const res = await send("PATCH", `/v1/agreements/${body.id}`, { lifecycle: "awaiting_consent" }, key, {
    "If-Match": etag,
  });
  expect(res.status).toBe(200);
  return { id: body.id as string, etag: res.headers.get("etag")! };
}

export async function consent(key: string, id: string, state: string, date: string, decision = "consent") {
  return send("POST", `/v1/agreements/${id}/consents`, { state, decision, date, reference: `note ${state}` }, key);
}

export const MEMBERS_2016 = ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"];
export const MEMBERS_2018 = [...MEMBERS_2016, "IND", "PAK"].sort();
export const MEMBERS_2023 = [...MEMBERS_2018, "IRN"].sort();
export const MEMBERS_2025 = [...MEMBERS_2023, "BLR"].sort();

/**
 * The change feed followed from `since` (or its beginning) to its end: every entry, and the cursor at
 * the end (to read only what a test writes after it).
 */
export async function readFeed(since = ""): Promise<{ items: any[]; cursor: string }> {
  const items: any[] = [];
  for (;;) {
    const { body } = await getJson(`/v1/changes?limit=200${since && `&since=${since}`}`);
    items.push(...body.items);
    since = body.cursor;
    if (!body.hasMore) return { items, cursor: since };
  }
}
