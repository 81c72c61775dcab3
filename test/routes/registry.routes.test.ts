import { describe, expect, it } from "vitest";
import { weakEtag } from "../../src/lib/etag";
import { OrganisationDetailSchema, OrganisationListSchema } from "../../src/routes/organisations/organisations.schemas";
import { RosterSchema } from "../../src/routes/roster/roster.schemas";
import { StatusEventListSchema } from "../../src/routes/status-events/status-events.schemas";
import { ADMIN_TOKEN, call, expectProblem, getJson } from "../helpers";

describe("organisations", () => {
  it("lists the partner organisations with a relation today", async () => {
    const { body } = await getJson("/v1/organisations?limit=200");
    const ids = OrganisationListSchema.parse(body).items.map((o) => o.id);
    for (const id of ["un", "cis", "csto", "asean", "eaeu", "cica"]) expect(ids).toContain(id);
  });

  it("gives one organisation with its history, case-insensitively", async () => {
    const { res, body } = await getJson("/v1/organisations/ASEAN");
    expect(res.status).toBe(200);
    const org = OrganisationDetailSchema.parse(body);
    expect(org.current.status).toBe("partner_organisation");
    expect(org.history.events[0]).toMatchObject({ effective: { date: "2005-04-21" } });
    await expectProblem(await call("/v1/organisations/acean"), 404);
  });

  it("had no partner organisations before the first memoranda of 2005", async () => {
    const { body } = await getJson("/v1/organisations?at=2004-12-31");
    expect(OrganisationListSchema.parse(body).items.filter((o) => o.status === "partner_organisation")).toEqual([]);
  });
});

describe("GET /v1/roster", () => {
  it("groups everyone by status with counts: 8 members on 2017-06-10", async () => {
    const { body } = await getJson("/v1/roster?at=2017-06-10");
    const roster = RosterSchema.parse(body);
    expect(roster.counts.member).toBe(8);
    const members = roster.groups.find((g) => g.status === "member");
    expect(members?.items).toHaveLength(8);
    expect(roster.total).toBe(Object.values(roster.counts).reduce((a, b) => a + b, 0));
  });

  it("shows no observers or dialogue partners after the 2025 conversion", async () => {
    const roster = RosterSchema.parse((await getJson("/v1/roster?at=2026-01-01")).body);
    expect(roster.counts.observer ?? 0).toBe(0);
    expect(roster.counts.dialogue_partner ?? 0).toBe(0);
    expect(roster.counts.partner).toBeGreaterThan(10);
    expect(roster.counts.member).toBe(10);
  });

  it("says of each party what its own status read says, on days across the record", async () => {
    // The roster's SQL (listPeriodsOnQuery) against the domain rule over parties.periods (the status read).
    for (const day of ["2005-07-05", "2012-06-07", "2017-06-10", "2023-07-04", "2026-01-01"]) {
      const roster = RosterSchema.parse((await getJson(`/v1/roster?at=${day}&limit=200`)).body);
      const entries = roster.groups.flatMap((g) => g.items.map((i) => ({ ...i, status: g.status })));
      expect(entries.length, day).toBe(roster.total);
      for (const e of entries.filter((x) => x.kind === "state")) {
        const { body } = await getJson(`/v1/states/${e.id}/status?at=${day}`);
        expect(body.status, `${e.id} on ${day}`).toBe(e.status);
      }
    }
  });

  it("pages through the groups with a cursor without losing anyone", async () => {
    const full = RosterSchema.parse((await getJson("/v1/roster?at=2020-01-01")).body);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = RosterSchema.parse(
        (await getJson(`/v1/roster?at=2020-01-01&limit=7${cursor ? `&cursor=${cursor}` : ""}`)).body,
      );
      seen.push(...page.groups.flatMap((g) => g.items.map((i) => i.id)));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(full.total);
    expect(new Set(seen).size).toBe(full.total);
  });
});

describe("GET /v1/status-events", () => {
  it("filters by party, status and date range, in date order", async () => {
    const { body } = await getJson("/v1/status-events?status=member&from=2017-01-01&to=2024-12-31");
    const events = StatusEventListSchema.parse(body).items;
    expect(events.map((e) => e.party)).toEqual(
      ["IND", "PAK", "IRN", "BLR"].filter((p) => events.some((e) => e.party === p)),
    );
    expect(events.map((e) => e.effective.date)).toEqual(["2017-06-09", "2017-06-09", "2023-07-04", "2024-07-04"]);
    const irn = StatusEventListSchema.parse((await getJson("/v1/status-events?party=irn")).body).items;
    expect(irn.map((e) => e.kind)).toContain("accession");
  });

  it("pages through the whole log with a cursor", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = StatusEventListSchema.parse(
        (await getJson(`/v1/status-events?limit=25${cursor ? `&cursor=${cursor}` : ""}`)).body,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(50);
  });

  it("refuses bad filters", async () => {
    await expectProblem(await call("/v1/status-events?from=2017-02-30"), 400);
    await expectProblem(await call("/v1/status-events?kind=coup"), 400);
  });
});

describe("HTTP behaviour of public reads", () => {
  it("sends an ETag and Cache-Control, and answers If-None-Match with 304", async () => {
    const first = await call("/v1/states/IRN/status?at=2020-01-01");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const again = await call("/v1/states/IRN/status?at=2020-01-01", { headers: { "If-None-Match": tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    const other = await call("/v1/states/IRN/status?at=2024-01-01", { headers: { "If-None-Match": tag! } });
    expect(other.status).toBe(200);
  });

  it("tags each representation by its bytes: per day, per language, compared weakly", async () => {
    const en = await call("/v1/states/IRN/status?at=2020-01-01");
    const text = await en.text();
    const tag = en.headers.get("etag")!;
    // the tag set as the JSON is serialised is the tag of the bytes sent
    expect(tag).toBe(weakEtag(text));
    for (const path of ["/v1/states?status=member&at=2020-01-01", "/v1/roster?at=2020-01-01", "/v1/changes?limit=2"]) {
      const res = await call(path);
      expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(res.headers.get("etag"), path).toBe(weakEtag(await res.text()));
    }
    expect(en.headers.get("vary")).toMatch(/Accept-Language/);
    const ru = await call("/v1/states/IRN/status?at=2020-01-01&lang=ru");
    expect(ru.headers.get("etag")).not.toBe(tag);
    for (const ifNoneMatch of [`"other", ${tag}`, tag.replace(/^W\//, ""), "*"]) {
      const res = await call("/v1/states/IRN/status?at=2020-01-01", { headers: { "If-None-Match": ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.headers.get("etag")).toBe(tag);
      expect(res.headers.get("vary")).toMatch(/Accept-Language/);
      // what lets a cache update and a browser reuse it (RFC 9110 §15.4.5), not the 200's Content-Type
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.headers.get("content-type")).toBeNull();
    }
    expect(
      (await call("/v1/states/IRN/status?at=2020-01-01", { headers: { "If-None-Match": '"other"' } })).status,
    ).toBe(200);
  });

  it("tags answers that are not tagged by their handler too, and keeps an agreement's version", async () => {
    const audit = await call("/v1/audit", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(audit.status).toBe(200);
    expect(audit.headers.get("etag")).toBe(weakEtag(await audit.text()));
    expect(audit.headers.get("cache-control")).toBe("private, no-store");
    const list = (await getJson<{ items: { id: string }[] }>("/v1/agreements?limit=1")).body;
    const agreement = await call(`/v1/agreements/${list.items[0]!.id}`);
    expect(agreement.headers.get("etag")).toMatch(/^"\d+"$/);
  });

  it("lets any origin read, and answers CORS preflights for writes", async () => {
    const read = await call("/v1/roster", { headers: { Origin: "https://example.org" } });
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(read.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    const problem = await call("/v1/states/XYZ", { headers: { Origin: "https://example.org" } });
    expect(problem.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await call("/v1/agreements", {
      method: "OPTIONS",
      headers: {
        Origin: "https://example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization.*Idempotency-Key/);
  });

  it("answers unknown routes and methods with problems, never text/plain", async () => {
    await expectProblem(await call("/v2/states"), 404);
    await expectProblem(await call("/v1/states/IRN/nothing"), 404);
    const res = await call("/v1/roster", { method: "DELETE" });
    await expectProblem(res, 405); // a known path: test/routes/headers.routes.test.ts covers Allow
  });

  it("does not let an error be cached", async () => {
    const res = await call("/v1/states/XYZ");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
