import { describe, expect, it } from "vitest";
import migration from "../../migrations/0012_secretariat_leadership.sql?raw";
import agreements from "../../src/data/agreements.json";
import parties from "../../src/data/parties.json";
import { secretariatSql, validateTerms } from "../../src/data/secretariat-seed";
import terms from "../../src/data/secretariat-terms.json";
import { validateSeed } from "../../src/data/seed";
import events from "../../src/data/status-events.json";

const seed = validateSeed({ parties, events, agreements });
const problemsOf = (input: unknown[]) => validateTerms(input, seed).problems;
const norovIndex = terms.findIndex((t) => t.id === "sg-2019-vladimir-norov");
const withNorov = (change: Record<string, unknown>) =>
  terms.map((t, i) => (i === norovIndex ? { ...t, ...change } : t));

describe("the Secretariat's leadership data", () => {
  it("is valid and is exactly what the data migration loads", () => {
    const { terms: valid, problems } = validateTerms(terms, seed);
    expect(problems).toEqual([]);
    expect(secretariatSql(valid)).toBe(migration);
  });

  it("has every Secretary-General since 2004, each with a source, in one unbroken sequence of states", () => {
    const sg = terms.filter((t) => t.post === "secretary_general");
    expect(sg.map((t) => t.state)).toEqual(["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "CHN", "KAZ"]);
    expect(sg[0]).toMatchObject({ start: "2004-01-15", title: "Executive Secretary" });
    expect(terms.every((t) => t.sources.length > 0)).toBe(true);
  });

  it("refuses the seeds' typos with a message naming the record and the field", () => {
    expect(problemsOf(withNorov({ start: "January 1, 219" }))).toEqual([
      expect.stringMatching(
        /secretariat-terms\.json\[\d+\] \(sg-2019-vladimir-norov\) start: "January 1, 219" is not a date/,
      ),
    ]);
    expect(problemsOf(withNorov({ start: "219" })).join("\n")).toContain(
      '(sg-2019-vladimir-norov) start: "219" is not a date',
    );
    expect(problemsOf(withNorov({ end: "15 Janury 2024" })).join("\n")).toContain(
      '(sg-2019-vladimir-norov) end: "15 Janury 2024" is not a date',
    );
  });

  it("holds the corrected value with the source that supports it, and refuses a correction the data does not hold", () => {
    const norov = terms[norovIndex]!;
    expect(norov.corrections).toContainEqual(
      expect.objectContaining({ field: "start", stated: "January 1, 219", corrected: "2019-01-01" }),
    );
    expect(norov.start).toBe("2019-01-01");
    expect(problemsOf(withNorov({ start: "2019-01-02" })).join("\n")).toContain(
      '(sg-2019-vladimir-norov) corrections: start is "2019-01-02", not the corrected "2019-01-01"',
    );
  });

  it("makes a term longer than three years a build error (the seed's '2019-2022'), unless the record carries a sourced exception", () => {
    const long = withNorov({ end: "2022", corrections: [] });
    expect(problemsOf(long).join("\n")).toContain(
      "(sg-2019-vladimir-norov): lasts more than 3 years (2019-01-01 to 2022",
    );
    const excepted = withNorov({
      end: "2022-06-30",
      corrections: [],
      exception: "A sourced decision of the Council of Heads of State",
    });
    expect(problemsOf(excepted).join("\n")).not.toContain("lasts more than");
  });

  it("refuses a nationality that is not a member state on the term's start, a second term and an unknown state", () => {
    expect(problemsOf(withNorov({ state: "IRN" })).join("\n")).toContain(
      "(sg-2019-vladimir-norov): IRN is not a member state on 2019-01-01",
    );
    expect(problemsOf(withNorov({ person: "zhang-ming" })).join("\n")).toContain("second term of zhang-ming");
    expect(problemsOf(withNorov({ state: "XYZ" })).join("\n")).toContain('unknown state "XYZ"');
  });

  it("never gives a name in Russian or Chinese without a source: a missing one is null", () => {
    expect(terms.find((t) => t.id === "sg-2010-muratbek-imanaliev")!.name).toEqual({
      en: "Muratbek Imanaliev",
      ru: null,
      zh: null,
    });
    expect(
      problemsOf(withNorov({ name: { en: "Vladimir Norov", ru: "Vladimir Norov", zh: null } })).join("\n"),
    ).toContain("Cyrillic");
  });
});
