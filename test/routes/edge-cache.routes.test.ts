/**
 * The edge cache of public reads (src/middleware/edge-cache.ts, src/lib/edge-cache.ts) and the D1
 * session of every request (src/lib/d1-session.ts). D1 statements are counted by wrapping the
 * binding handed to the Worker (test/helpers/d1-counter.ts), as the bench does; the cache is the
 * local workerd's Cache API, the same API as in production.
 */
import { describe, expect, it } from "vitest";
import { newerBookmark, purgeEdgeCache } from "../../src/lib/edge-cache";
import { ADMIN_TOKEN, createKey, draftAgreement, expectProblem, send } from "../helpers";
import { counted } from "../helpers/d1-counter";

const editor = await createKey("editor");

describe("edge cache", () => {
  it("answers a second identical public read, and its conditional GET, without a D1 query", async () => {
    const { body } = await draftAgreement(editor.key);
    const path = `/v1/agreements/${body.id}`;
    const first = await counted(path);
    expect(first.res.status).toBe(200);
    expect(first.queries).toBeGreaterThan(0);
    const firstBody = await first.res.text();

    const second = await counted(path);
    expect(second.res.status).toBe(200);
    expect(second.queries).toBe(0);
    expect(await second.res.text()).toBe(firstBody);
    // The cached answer carries the same caching headers and ETag, and its own request id.
    expect(second.res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(second.res.headers.get("etag")).toBe(first.res.headers.get("etag"));
    expect(second.res.headers.get("x-request-id")).not.toBe(first.res.headers.get("x-request-id"));

    const conditional = await counted(path, { headers: { "If-None-Match": first.res.headers.get("etag")! } });
    expect(conditional.res.status).toBe(304);
    expect(conditional.queries).toBe(0);
  });

  it("keys by the normalised URL: the order of query parameters does not matter", async () => {
    const { body } = await draftAgreement(editor.key);
    const a = await counted(`/v1/agreements?counterparty=asean&limit=7&lifecycle=draft`);
    expect(a.res.status).toBe(200);
    const b = await counted(`/v1/agreements?lifecycle=draft&limit=7&counterparty=asean`);
    expect(b.queries).toBe(0);
    expect(await b.res.text()).toBe(await a.res.text());
    expect(body.id).toBeTruthy();
  });

  it("keeps answers as recorded on a moment, each moment its own entry", async () => {
    const { res } = await counted("/v1/status-events?party=IRN&limit=1");
    const [event] = ((await res.json()) as { items: { id: number }[] }).items;
    const record = await counted(`/v1/status-events/${event!.id}`);
    const { versions } = (await record.res.json()) as { versions: { recordedFrom: string }[] };
    const t = versions[0]!.recordedFrom;
    const later = new Date(Date.parse(t) + 1).toISOString();
    const path = (at: string) => `/v1/states/IRN/status?at=2020-01-01&asRecordedOn=${at}`;
    const first = await counted(path(t));
    expect(first.res.status).toBe(200);
    expect(first.queries).toBeGreaterThan(0);
    const again = await counted(path(t));
    expect(again.queries).toBe(0);
    expect(await again.res.text()).toBe(await first.res.text());
    const other = await counted(path(later));
    expect(other.res.status).toBe(200);
    expect(other.queries).toBeGreaterThan(0);
  });

  it("a write purges in the same request: the next read in this location sees it", async () => {
    const { body, etag } = await draftAgreement(editor.key);
    const path = `/v1/agreements/${body.id}`;
    await counted(path);
    expect((await counted(path)).queries).toBe(0);

    const title = { en: "Memorandum of Understanding between the SCO Secretariat and ASEAN, as amended" };
    const patch = await send("PATCH", path, { title }, editor.key, { "If-Match": etag });
    expect(patch.status).toBe(200);

    const after = await counted(path);
    expect(after.queries).toBeGreaterThan(0);
    expect(((await after.res.json()) as { title: { en: string } }).title.en).toBe(title.en);
    // Revalidating with the ETag of before the write gets the new representation, not a 304.
    const conditional = await counted(path, { headers: { "If-None-Match": etag } });
    expect(conditional.res.status).toBe(200);
  });

  it("never keeps an authenticated answer", async () => {
    for (let i = 0; i < 2; i++) {
      const read = await counted("/v1/api-keys?limit=1", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(read.res.status).toBe(200);
      expect(read.queries).toBeGreaterThan(0);
      expect(read.res.headers.get("cache-control")).toContain("no-store");
    }
  });

  it("never keeps an error answer", async () => {
    for (let i = 0; i < 2; i++) {
      const read = await counted("/v1/agreements/agr-no-such-agreement-in-cache-test");
      await expectProblem(read.res, 404);
      expect(read.queries).toBeGreaterThan(0);
      expect(read.res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("does not mix languages: each negotiated language has its own entry", async () => {
    const path = "/v1/states/IRN/status?at=2019-03-04";
    const en = await counted(`${path}&lang=en`);
    const ru = await counted(path, { headers: { "Accept-Language": "ru" } });
    const enName = ((await en.res.json()) as { name: string }).name;
    const ruName = ((await ru.res.json()) as { name: string }).name;
    expect(enName).toBe("Iran (Islamic Republic of)");
    expect(ruName).not.toBe(enName);
    expect(ru.res.headers.get("vary")).toContain("Accept-Language");
    // Each is now cached under its language, reached by the query string or the header alike.
    const ruAgain = await counted(`${path}&lang=ru`);
    expect(ruAgain.queries).toBe(0);
    expect(((await ruAgain.res.json()) as { name: string }).name).toBe(ruName);
    const enAgain = await counted(path, { headers: { "Accept-Language": "en" } });
    expect(enAgain.queries).toBe(0);
    expect(((await enAgain.res.json()) as { name: string }).name).toBe(enName);
  });

  it("a lang it does not speak is refused, never answered from the entry of the fallback language", async () => {
    const path = "/v1/states/KGZ/status?at=2019-03-04";
    expect((await counted(path)).res.status).toBe(200);
    expect((await counted(path)).queries).toBe(0); // the English answer is cached
    await expectProblem((await counted(`${path}&lang=fr`)).res, 400);
  });

  it("never keeps the change feed: a writer polling it sees its write", async () => {
    const before = await counted("/v1/changes?limit=1");
    expect(before.res.headers.get("cache-control")).toBe("no-cache");
    const { body } = await draftAgreement(editor.key);
    let { cursor } = (await before.res.json()) as { cursor: string };
    // Other files sharing this worker's D1 wrote before: poll on to the end of the feed, as a client syncs.
    const seen: string[] = [];
    for (let poll = 0, more = true; more; poll++) {
      const again = await counted(`/v1/changes?since=${cursor}&limit=200`);
      expect(again.queries).toBeGreaterThan(0);
      const feed = (await again.res.json()) as { items: { entityId: string }[]; cursor: string; hasMore: boolean };
      seen.push(...feed.items.map((i) => i.entityId));
      ({ cursor, hasMore: more } = feed);
      expect(poll).toBeLessThan(100);
    }
    expect(seen).toContain(body.id);
  });
});

describe("D1 sessions", () => {
  it("public reads start first-unconstrained; keyed operations first-primary", async () => {
    const { body } = await draftAgreement(editor.key);
    // (a second session follows: the cache's miss after a write, see below)
    expect((await counted(`/v1/agreements/${body.id}`)).sessions[0]).toBe("first-unconstrained");
    const keyed = await counted("/v1/api-keys?limit=1", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(keyed.sessions).toEqual(["first-primary"]);
  });

  it("a write's bookmark comes back, and a read that sends it is answered from D1 with its write", async () => {
    const { body, etag } = await draftAgreement(editor.key);
    const path = `/v1/agreements/${body.id}`;
    const patch = await counted(path, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${editor.key}`, "Content-Type": "application/json", "If-Match": etag },
      body: JSON.stringify({ place: "Tashkent" }),
    });
    expect(patch.res.status).toBe(200);
    expect(patch.sessions).toEqual(["first-primary"]);
    const bookmark = patch.res.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^[0-9a-f]{8}(-[0-9a-f]+)+$/);

    for (let i = 0; i < 2; i++) {
      const read = await counted(path, { headers: { "X-D1-Bookmark": bookmark! } });
      expect(read.res.status).toBe(200);
      expect(read.sessions).toEqual([bookmark]);
      expect(read.queries).toBeGreaterThan(0); // never from the edge cache
      expect(((await read.res.json()) as { place: string }).place).toBe("Tashkent");
      expect(read.res.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]{8}(-[0-9a-f]+)+$/);
      expect(read.res.headers.get("cache-control")).toBe("private, no-cache");
    }
  });

  it("a read after a write in this location starts its session at the write's bookmark", async () => {
    const { body } = await draftAgreement(editor.key);
    const read = await counted(`/v1/agreements/${body.id}`);
    expect(read.sessions).toHaveLength(2);
    expect(read.sessions[0]).toBe("first-unconstrained");
    expect(read.sessions[1]).toMatch(/^[0-9a-f]{8}(-[0-9a-f]+)+$/);
  });

  it("keeps the newer write's bookmark when an older write's purge lands last", async () => {
    const older = (await draftAgreement(editor.key)).bookmark;
    const { body, bookmark: newer } = await draftAgreement(editor.key);
    expect(newerBookmark(older, newer)).toBe(newer);
    // the older write's put, delayed past the newer write's whole request
    await purgeEdgeCache("http://registry.test/v1/agreements", older);
    const read = await counted(`/v1/agreements/${body.id}`);
    expect(read.sessions).toEqual(["first-unconstrained", newer]);
  });

  it("compares bookmarks as D1 orders them (lexicographically, oldest first)", () => {
    const a = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";
    const b = "00000085-0000024d-00000001-0000000000000000000000000000000";
    expect(newerBookmark(a, b)).toBe(b);
    expect(newerBookmark(b, a)).toBe(b);
    expect(newerBookmark(null, a)).toBe(a);
    expect(newerBookmark(a, null)).toBe(a);
    expect(newerBookmark(null, null)).toBeNull();
  });

  it("takes a bookmark in production's format (Cloudflare's documented example) and opens the session at it", async () => {
    // From `wrangler d1 time-travel info` in Cloudflare's docs (src/lib/d1-session.ts cites them).
    const production = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";
    const read = await counted("/v1/states/CHN", { headers: { "X-D1-Bookmark": production } });
    expect(read.res.status).not.toBe(400);
    expect(read.sessions).toEqual([production]);
  });

  it("refuses a malformed bookmark with a 400 problem", async () => {
    for (const bad of [
      "not a bookmark",
      "00000085-0000024c",
      "00000085-0000024C-00004c6d-8e61117b",
      `${"0".repeat(8)}-${"a".repeat(300)}-0`,
    ]) {
      const read = await counted("/v1/states/CHN", { headers: { "X-D1-Bookmark": bad } });
      const problem = await expectProblem(read.res, 400);
      expect(problem.type).toBe("/problems/invalid-bookmark");
      expect(read.queries).toBe(0);
    }
  });
});
