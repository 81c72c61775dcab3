import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import {
  addYears,
  checkRotation,
  exceedsTerm,
  holdingOn,
  type MemberName,
  overlap,
  russianOrder,
  termProblems,
} from "../../src/domain/secretariat";

const d = (v: string) => parsePartialDate(v) as PartialDate;
const sg = (id: string, person: string, state: string, start: string, end: string | null) => ({
  id,
  post: "secretary_general" as const,
  person,
  state,
  start: d(start),
  end: end ? d(end) : null,
});

const FOUNDERS: MemberName[] = [
  { id: "CHN", nameRu: "Китай" },
  { id: "KAZ", nameRu: "Казахстан" },
  { id: "KGZ", nameRu: "Киргизия" },
  { id: "RUS", nameRu: "Россия" },
  { id: "TJK", nameRu: "Таджикистан" },
  { id: "UZB", nameRu: "Узбекистан" },
];

describe("the term rule", () => {
  it("allows exactly three years and refuses a day more", () => {
    expect(exceedsTerm({ start: d("2019-01-01"), end: d("2021-12-31") })).toBe(false);
    expect(exceedsTerm({ start: d("2019-01-01"), end: d("2022-01-01") })).toBe(true);
    // "2019-2022" as one seed has it: the shortest reading still runs into 2022.
    expect(exceedsTerm({ start: d("2019-01-01"), end: d("2022") })).toBe(true);
    // Imprecise dates contradict the rule only when every reading does.
    expect(exceedsTerm({ start: d("2007-01"), end: d("2009") })).toBe(false);
    expect(exceedsTerm({ start: d("2004-01-15"), end: d("2006-12") })).toBe(false);
  });

  it("is the anniversary rule on generated days, 29 February included", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1995-01-01"), max: new Date("2090-12-31"), noInvalidDate: true }),
        fc.integer({ min: -3, max: 3 }),
        (start, delta) => {
          const s = start.toISOString().slice(0, 10);
          const limit = new Date(`${addYears(s, 3)}T00:00:00Z`);
          const end = new Date(limit.getTime() + (delta - 1) * 86_400_000).toISOString().slice(0, 10);
          expect(exceedsTerm({ start: d(s), end: d(end) })).toBe(delta >= 1);
        },
      ),
    );
  });

  it("refuses an extension (a second term of the same person), an overlap and a non-member nationality", () => {
    const a = sg("a", "p", "KAZ", "2007-01-01", "2009-12-31");
    const again = sg("b", "p", "KAZ", "2010-01-01", "2012-12-31");
    expect(termProblems(again, [a, again], ["KAZ"])).toEqual([expect.stringContaining("no extension")]);
    const overlapping = sg("c", "q", "KGZ", "2009-06-01", "2012-05-31");
    expect(termProblems(overlapping, [a, overlapping], ["KGZ"])).toEqual([expect.stringContaining("overlaps a")]);
    expect(termProblems(sg("d", "r", "IND", "2010-01-01", null), [], ["CHN", "KAZ"])).toEqual([
      expect.stringContaining("IND is not a member state on 2010-01-01"),
    ]);
    const excepted = {
      ...sg("e", "s", "RUS", "2013-01-01", "2016-06-30"),
      exception: "Extended by a sourced decision",
    };
    expect(termProblems(excepted, [excepted], ["RUS"])).toEqual([]);
  });

  it("says who holds a post on a day, and 'possibly' inside an imprecise date's window", () => {
    const t = { start: d("2010-01"), end: d("2012") };
    expect(holdingOn(t, "2009-12-31")).toBe("no");
    expect(holdingOn(t, "2010-01-15")).toBe("possibly");
    expect(holdingOn(t, "2011-06-01")).toBe("certainly");
    expect(holdingOn(t, "2012-06-01")).toBe("possibly");
    expect(holdingOn(t, "2013-01-01")).toBe("no");
    expect(holdingOn({ start: d("2019-01-01"), end: d("2021-12-31") }, "2021-12-31")).toBe("certainly");
  });

  it("finds overlaps symmetrically, and never between consecutive terms", () => {
    const day = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2040-12-31"), noInvalidDate: true })
      .map((x) => x.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        const [s1, s2, s3] = [a, b, c].sort();
        const first = { start: d(s1!), end: d(s2!) };
        const next = {
          start: d(new Date(new Date(`${s2}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)),
          end: null,
        };
        expect(overlap(first, next)).toBe(false);
        const inside = { start: d(s2!), end: d(s3!) };
        expect(overlap(first, inside)).toBe(overlap(inside, first));
        expect(overlap(first, inside)).toBe(true);
      }),
    );
  });
});

describe("the rotation in Russian alphabetical order", () => {
  it("sorts by the Russian collator (Киргизия before Китай)", () => {
    expect(russianOrder(FOUNDERS).map((m) => m.id)).toEqual(["KAZ", "KGZ", "CHN", "RUS", "TJK", "UZB"]);
  });

  it("reports the recorded sequence of 2004-2025 with its departures, without another rule", () => {
    const eight = [...FOUNDERS, { id: "IND", nameRu: "Индия" }, { id: "PAK", nameRu: "Пакистан" }];
    const ten = [...eight, { id: "IRN", nameRu: "Иран" }, { id: "BLR", nameRu: "Беларусь" }];
    const seq: [string, MemberName[]][] = [
      ["CHN", FOUNDERS],
      ["KAZ", FOUNDERS],
      ["KGZ", FOUNDERS],
      ["RUS", FOUNDERS],
      ["TJK", FOUNDERS],
      ["UZB", eight],
      ["CHN", eight],
      ["KAZ", ten],
    ];
    const checks = checkRotation(
      seq.map(([state, members], i) => ({ termId: `t${i}`, state, on: "2000-01-01", members })),
      () => undefined,
    );
    expect(checks.map((c) => [c.expected, c.actual, c.followed])).toEqual([
      [null, "CHN", null],
      ["RUS", "KAZ", false],
      ["KGZ", "KGZ", true],
      ["CHN", "RUS", false],
      ["TJK", "TJK", true],
      ["UZB", "UZB", true],
      ["IND", "CHN", false],
      ["PAK", "KAZ", false],
    ]);
  });

  const members = fc.uniqueArray(
    fc.constantFrom(
      ...FOUNDERS,
      { id: "IND", nameRu: "Индия" },
      { id: "PAK", nameRu: "Пакистан" },
      { id: "BLR", nameRu: "Беларусь" },
    ),
    { minLength: 2, selector: (m) => m.id },
  );

  it("on generated members: a sequence that follows the order is never a departure, and visits every state once per cycle", () => {
    fc.assert(
      fc.property(members, fc.nat(), fc.integer({ min: 1, max: 20 }), (ms, first, length) => {
        const order = russianOrder(ms).map((m) => m.id);
        const seq = Array.from({ length }, (_, i) => order[(first + i) % order.length]!);
        const checks = checkRotation(
          seq.map((state, i) => ({ termId: `t${i}`, state, on: "2020-01-01", members: ms })),
          () => undefined,
        );
        expect(checks.slice(1).every((c) => c.followed === true)).toBe(true);
        if (length >= order.length) expect(new Set(seq.slice(0, order.length)).size).toBe(order.length);
      }),
    );
  });

  it("on generated sequences: a departure is reported exactly where the state is not the next member, and the expected state is a member", () => {
    fc.assert(
      fc.property(members, fc.array(fc.nat(), { minLength: 2, maxLength: 12 }), (ms, picks) => {
        const order = russianOrder(ms).map((m) => m.id);
        const seq = picks.map((p) => order[p % order.length]!);
        const checks = checkRotation(
          seq.map((state, i) => ({ termId: `t${i}`, state, on: "2020-01-01", members: ms })),
          () => undefined,
        );
        checks.slice(1).forEach((c, i) => {
          const next = order[(order.indexOf(seq[i]!) + 1) % order.length];
          expect(c.expected).toBe(next);
          expect(order).toContain(c.expected);
          expect(c.followed).toBe(seq[i + 1] === next);
        });
      }),
    );
  });

  it("continues after a predecessor that is no longer a member, by its Russian name", () => {
    const members = FOUNDERS.filter((m) => m.id !== "KGZ");
    const [, second] = checkRotation(
      [
        { termId: "a", state: "KGZ", on: "2020-01-01", members: FOUNDERS },
        { termId: "b", state: "CHN", on: "2023-01-01", members },
      ],
      (s) => FOUNDERS.find((m) => m.id === s)?.nameRu,
    );
    expect(second).toMatchObject({ expected: "CHN", followed: true });
  });
});
