import { describe, expect, it } from "vitest";
import {
  LeadershipSchema,
  SecretariesGeneralSchema,
  TermSchema,
} from "../../src/routes/secretariat/secretariat.schemas";
import { StateDetailSchema } from "../../src/routes/states/states.schemas";
import { ADMIN_TOKEN, call, createKey, expectProblem, getJson, readFeed, send } from "../helpers";

const leadership = async (query: string) => {
  const { res, body } = await getJson(`/v1/secretariat/leadership?${query}`);
  expect(res.status).toBe(200);
  return LeadershipSchema.parse(body);
};

/** The change feed's cursor at its end, so a test sees only what it wrote after. */
const feedEnd = async () => (await readFeed()).cursor;

describe("GET /v1/secretariat/leadership", () => {
  it("answers who was Secretary-General on 2020-06-01, from which state, and whether the rotation was followed, with sources", async () => {
    const body = await leadership("at=2020-06-01");
    expect(body.secretaryGeneral).toHaveLength(1);
    expect(body.secretaryGeneral[0]).toMatchObject({
      id: "sg-2019-vladimir-norov",
      person: { name: "Vladimir Norov" },
      state: { code: "UZB", name: "Uzbekistan" },
      start: { date: "2019-01-01", precision: "day" },
      end: { date: "2021-12-31", precision: "day" },
      approvedBy: "Council of Heads of State",
      rotation: { expected: "UZB", actual: "UZB", followed: true },
      uncertain: false,
    });
    expect(body.secretaryGeneral[0]!.sources.length).toBeGreaterThan(0);
    // The deputies the seeds name: Ashimov from 2020-08-01 is not yet in office, Zhang Haizhou ("2020") may be.
    expect(body.deputySecretariesGeneral.map((d) => [d.id, d.uncertain])).toEqual([["dsg-2020-zhang-haizhou", true]]);
  });

  it("gives names in Russian and Chinese where sourced, and null where not", async () => {
    const ru = await leadership("at=2020-06-01&lang=ru");
    expect(ru.secretaryGeneral[0]).toMatchObject({ person: { name: "Владимир Норов" }, state: { name: "Узбекистан" } });
    const zh = await getJson("/v1/secretariat/leadership?at=2011-06-01", { headers: { "Accept-Language": "zh" } });
    expect(zh.body.secretaryGeneral[0]).toMatchObject({
      person: { name: null, names: { en: "Muratbek Imanaliev", ru: null, zh: null } },
      state: { name: "吉尔吉斯斯坦" },
    });
  });

  it("marks a term uncertain inside a year- or month-precision date, and answers nobody before the first term", async () => {
    const yearEnd = await leadership("at=2012-06-01");
    expect(yearEnd.secretaryGeneral.map((t) => [t.id, t.uncertain])).toEqual([["sg-2010-muratbek-imanaliev", true]]);
    const monthStart = await leadership("at=2007-01-10");
    expect(monthStart.secretaryGeneral.map((t) => [t.id, t.uncertain])).toEqual([["sg-2007-bolat-nurgaliyev", true]]);
    const monthEnd = await leadership("at=2006-12-31");
    expect(monthEnd.secretaryGeneral.map((t) => [t.id, t.uncertain])).toEqual([["sg-2004-zhang-deguang", true]]);
    const inside = await leadership("at=2008-06-01");
    expect(inside.secretaryGeneral.map((t) => [t.id, t.uncertain])).toEqual([["sg-2007-bolat-nurgaliyev", false]]);
    expect(inside.deputySecretariesGeneral.map((t) => t.id)).toEqual(["dsg-2007-sherali-jonon"]);
    const before = await leadership("at=2003-06-01");
    expect(before).toMatchObject({ secretaryGeneral: [], deputySecretariesGeneral: [] });
    const between = await leadership("at=2011-06-01");
    expect(between.deputySecretariesGeneral).toEqual([]);
  });

  it("refuses an impossible day", async () => {
    await expectProblem(await call("/v1/secretariat/leadership?at=2017-13-45"), 400);
    await expectProblem(await call("/v1/secretariat/leadership?at=219"), 400);
  });
});

describe("GET /v1/secretariat/secretaries-general", () => {
  it("lists the sequence since 2004 with the rule and the rotation check of every appointment", async () => {
    const { body } = await getJson("/v1/secretariat/secretaries-general");
    const sg = SecretariesGeneralSchema.parse(body);
    expect(sg.rule.text).toContain("Russian alphabetical order");
    expect(sg.sequence).toEqual(["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "CHN", "KAZ"]);
    expect(sg.items.map((t) => t.rotation.expected)).toEqual([null, "RUS", "KGZ", "CHN", "TJK", "UZB", "IND", "PAK"]);
    expect(sg.departures).toBe(4);
    expect(sg.items[0]).toMatchObject({
      title: "Executive Secretary",
      start: { date: "2004-01-15" },
      approval: { date: "2003-05", precision: "month" },
    });
    expect(sg.items.find((t) => t.id === "sg-2019-vladimir-norov")!.corrections).toContainEqual(
      expect.objectContaining({ stated: "January 1, 219", corrected: "2019-01-01" }),
    );
  });
});

describe("GET /v1/states/{code}", () => {
  it("lists the posts its citizens held", async () => {
    const { body } = await getJson("/v1/states/KAZ");
    const kaz = StateDetailSchema.parse(body);
    expect(kaz.secretariatPosts.map((p) => p.termId)).toEqual([
      "sg-2007-bolat-nurgaliyev",
      "dsg-2020-yerik-ashimov",
      "dsg-2023-nurlan-yermekbayev",
      "sg-2025-nurlan-yermekbayev",
    ]);
    const { body: ind } = await getJson("/v1/states/IND");
    expect(ind.secretariatPosts).toEqual([]);
  });
});

describe("writes: appoint and end a term", () => {
  const deputy = (overrides: Record<string, unknown> = {}) => ({
    id: "dsg-2026-test-deputy",
    post: "deputy_secretary_general",
    person: "test-deputy",
    name: { en: "Test Deputy" },
    state: "PAK",
    start: "2026-02-01",
    sources: ["Test fixture"],
    ...overrides,
  });

  it("needs an editor key", async () => {
    await expectProblem(await send("POST", "/v1/secretariat/terms", deputy()), 401);
  });

  it("refuses a nationality that was not a member on the start, and a Secretary-General's term over three years (422)", async () => {
    const editor = await createKey("editor");
    const res = await send(
      "POST",
      "/v1/secretariat/terms",
      deputy({ id: "dsg-2016-pak", state: "PAK", start: "2016-01-01" }),
      editor.key,
    );
    expect(await expectProblem(res, 422)).toMatchObject({ type: "/problems/not-a-member" });
    const long = await send(
      "POST",
      "/v1/secretariat/terms",
      deputy({ id: "sg-long", post: "secretary_general", start: "2019-01-01", end: "2022-01-01" }),
      editor.key,
    );
    expect(await expectProblem(long, 422)).toMatchObject({ type: "/problems/term-too-long" });
  });

  it("appoints a deputy (idempotent, audited, in the change feed) and the leadership shows it", async () => {
    const editor = await createKey("editor");
    const since = await feedEnd();
    const res = await send("POST", "/v1/secretariat/terms", deputy(), editor.key, {
      "Idempotency-Key": "appoint-deputy-1",
    });
    expect(res.status).toBe(201);
    expect(TermSchema.parse(await res.json())).toMatchObject({
      id: "dsg-2026-test-deputy",
      state: { code: "PAK" },
      end: null,
      version: 1,
    });
    const replay = await send("POST", "/v1/secretariat/terms", deputy(), editor.key, {
      "Idempotency-Key": "appoint-deputy-1",
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const { body: feed } = await getJson(`/v1/changes?since=${since}`);
    expect(feed.items.map((x: any) => [x.entityType, x.entityId, x.action])).toEqual([
      ["secretariat_term", "dsg-2026-test-deputy", "secretariat.appointed"],
    ]);
    const { body: audit } = await getJson("/v1/audit?entityId=dsg-2026-test-deputy", {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(audit.items).toHaveLength(1);
    expect((await leadership("at=2026-03-01")).deputySecretariesGeneral.map((d) => d.id)).toContain(
      "dsg-2026-test-deputy",
    );
    await expectProblem(await send("POST", "/v1/secretariat/terms", deputy(), editor.key), 409);
  });

  it("ends an open term once (409 after), refuses an overlap and a second term of the same person, and lets exactly one of two racing appointments in", async () => {
    const editor = await createKey("editor");
    const end = await send(
      "POST",
      "/v1/secretariat/terms/sg-2025-nurlan-yermekbayev/end",
      { end: "2026-06-30", sources: ["Test fixture"] },
      editor.key,
    );
    expect(end.status).toBe(200);
    expect(await end.json()).toMatchObject({ end: { date: "2026-06-30", precision: "day" }, version: 2 });
    expect(
      await expectProblem(
        await send("POST", "/v1/secretariat/terms/sg-2025-nurlan-yermekbayev/end", { end: "2026-07-31" }, editor.key),
        409,
      ),
    ).toMatchObject({ type: "/problems/term-ended" });
    await expectProblem(
      await send("POST", "/v1/secretariat/terms/sg-1999-nobody/end", { end: "2026-07-31" }, editor.key),
      404,
    );

    const sg = (id: string, person: string, state = "KGZ") => ({
      id,
      post: "secretary_general",
      person,
      name: { en: person },
      state,
      start: "2026-07-01",
      end: "2029-06-30",
      sources: ["Test fixture"],
    });
    const again = await send(
      "POST",
      "/v1/secretariat/terms",
      sg("sg-2026-norov-again", "vladimir-norov", "UZB"),
      editor.key,
    );
    expect(await expectProblem(again, 409)).toMatchObject({ type: "/problems/no-extension" });
    const overlap = await send(
      "POST",
      "/v1/secretariat/terms",
      { ...sg("sg-2026-early", "early-person"), start: "2026-06-01", end: "2029-05-31" },
      editor.key,
    );
    expect(await expectProblem(overlap, 409)).toMatchObject({ type: "/problems/term-overlap" });

    const race = await Promise.all([
      send("POST", "/v1/secretariat/terms", sg("sg-2026-a", "person-a"), editor.key),
      send("POST", "/v1/secretariat/terms", sg("sg-2026-b", "person-b"), editor.key),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const after = await leadership("at=2026-07-01");
    expect(after.secretaryGeneral).toHaveLength(1);
    expect(after.secretaryGeneral[0]).toMatchObject({
      state: { code: "KGZ" },
      rotation: { expected: "KGZ", actual: "KGZ", followed: true },
    });
  });
});
