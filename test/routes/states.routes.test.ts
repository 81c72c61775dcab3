import { describe, expect, it } from "vitest";
import { StateDetailSchema, StateListSchema, StateStatusSchema } from "../../src/routes/states/states.schemas";
import { call, expectProblem, getJson } from "../helpers";

const statusOf = async (code: string, at: string) => {
  const { res, body } = await getJson(`/v1/states/${code}/status?at=${at}`);
  expect(res.status).toBe(200);
  StateStatusSchema.parse(body);
  return body;
};

describe("GET /v1/states/{code}/status", () => {
  it("answers Iran's status across its history", async () => {
    expect((await statusOf("IRN", "2005-06-30")).status).toBe("none");
    expect(await statusOf("IRN", "2010-01-01")).toMatchObject({
      status: "observer",
      since: { date: "2005-07-05", precision: "day" },
      uncertain: false,
    });
    expect((await statusOf("IRN", "2023-07-03")).status).toBe("observer");
    expect(await statusOf("IRN", "2023-07-04")).toMatchObject({ status: "member", since: { date: "2023-07-04" } });
  });

  it("answers Mongolia as observer before the Tianjin conversion and partner after", async () => {
    expect((await statusOf("MNG", "2020-01-01")).status).toBe("observer");
    expect(await statusOf("MNG", "2026-01-01")).toMatchObject({ status: "partner", since: { date: "2025-09-01" } });
  });

  it("accepts alpha-2 and any case", async () => {
    expect((await statusOf("ir", "2010-01-01")).code).toBe("IRN");
    expect((await statusOf("irn", "2010-01-01")).status).toBe("observer");
  });

  it("refuses malformed dates with a problem", async () => {
    for (const at of ["2017-13-45", "219", "2023-02-29", "yesterday"]) {
      const body = await expectProblem(await call(`/v1/states/IRN/status?at=${at}`), 400);
      expect(body.errors).toEqual([expect.objectContaining({ path: "at" })]);
    }
  });

  it("answers 404 for unknown codes and 400 for malformed ones", async () => {
    await expectProblem(await call("/v1/states/XYZ/status"), 404);
    await expectProblem(await call("/v1/states/ACEAN"), 400);
  });
});

describe("GET /v1/states", () => {
  const members = async (at: string) => {
    const { res, body } = await getJson(`/v1/states?status=member&at=${at}&limit=200`);
    expect(res.status).toBe(200);
    return StateListSchema.parse(body).items.map((i) => i.code);
  };

  it("counts the members on the dates of each enlargement", async () => {
    expect(await members("2016-12-31")).toEqual(["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]);
    expect(await members("2017-06-09")).toEqual(["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]);
    expect(await members("2017-06-10")).toHaveLength(8);
    expect(await members("2023-07-04")).toContain("IRN");
    expect(await members("2024-07-04")).toEqual(["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"]);
  });

  it("pages with a cursor and never repeats an item", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await getJson(`/v1/states?at=2020-01-01&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      const page = StateListSchema.parse(body);
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain("MNG");
    expect(seen.length).toBeGreaterThan(10);
  });

  it("refuses a foreign cursor and an unknown status", async () => {
    await expectProblem(await call("/v1/states?cursor=bm90LWEtY3Vyc29y"), 400);
    await expectProblem(await call("/v1/states?status=overlord"), 400);
    await expectProblem(await call("/v1/states?limit=100000"), 400);
  });
});

describe("GET /v1/states/{code} and /history", () => {
  it("gives the names in three languages, the current status and the history", async () => {
    const { body } = await getJson("/v1/states/IND");
    const state = StateDetailSchema.parse(body);
    expect(state.names.ru).toMatch(/\p{Script=Cyrillic}/u);
    expect(state.names.zh).toMatch(/\p{Script=Han}/u);
    expect(state.current.status).toBe("member");
    expect(state.history.periods.map((p) => p.status)).toEqual(["observer", "member"]);
    expect(state.history.events.every((e) => e.sources.length > 0)).toBe(true);
  });

  it("localises names by ?lang= and by Accept-Language", async () => {
    expect((await getJson("/v1/states/CHN?lang=zh")).body.name).toBe("中国");
    expect((await getJson("/v1/states/RUS", { headers: { "Accept-Language": "ru-RU,ru;q=0.9" } })).body.name).toMatch(
      /\p{Script=Cyrillic}/u,
    );
    await expectProblem(await call("/v1/states/RUS?lang=fr"), 400);
  });

  it("orders the history's events by date", async () => {
    const { body } = await getJson("/v1/states/BLR/history");
    const dates = body.events.map((e: { effective: { date: string } }) => e.effective.date);
    expect([...dates].sort()).toEqual(dates);
    expect(body.periods.at(-1)).toMatchObject({ status: "member", from: { date: "2024-07-04" }, to: null });
  });
});
