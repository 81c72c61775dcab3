import { describe, expect, it } from "vitest";
import { bestKind, countByBestKind, evidenceProblems, restsOnlyOnPress, type Source } from "../../src/domain/evidence";

const src = (kind: Source["kind"]): Source => ({ title: "t", publisher: "p", kind });

describe("the evidence rules", () => {
  it("ranks a record by its strongest source", () => {
    expect(bestKind([src("news"), src("official_document"), src("secondary")])).toBe("official_document");
    expect(bestKind([src("secondary"), src("state_news_agency")])).toBe("state_news_agency");
    expect(bestKind([])).toBeNull();
  });

  it("flags a record resting only on the press or secondary works, and no other", () => {
    expect(restsOnlyOnPress([src("news"), src("secondary")])).toBe(true);
    expect(restsOnlyOnPress([src("news"), src("official_site")])).toBe(false);
    expect(restsOnlyOnPress([src("state_news_agency")])).toBe(false);
  });

  it("refuses a record without a source", () => {
    expect(evidenceProblems({ sources: [] })).toEqual(["every record needs at least one source"]);
  });

  it("refuses another reading without sources of its own, or stating nothing different", () => {
    const problems = evidenceProblems({
      certainty: "medium",
      sources: [src("official_document")],
      alternatives: [{ date: "2021-09-17", sources: [] }, { sources: [src("news")] }],
    });
    expect(problems).toEqual([
      "alternative 1 has no source of its own",
      "alternative 2 states no other date, kind or status",
    ]);
  });

  it("refuses high certainty on a fact with another reading", () => {
    const alternatives = [{ date: "2021-09-17", sources: [src("news")] }];
    expect(evidenceProblems({ certainty: "high", sources: [src("news")], alternatives })).toEqual([
      "a fact with another reading cannot be of high certainty",
    ]);
    expect(evidenceProblems({ certainty: "medium", sources: [src("news")], alternatives })).toEqual([]);
  });

  it("refuses a day that no source states, and accepts the same inference at month precision", () => {
    expect(evidenceProblems({ sources: [src("news")], precision: "day", dayStated: false })).toEqual([
      "no source states the day: store the month and put the inference in the note",
    ]);
    expect(evidenceProblems({ sources: [src("news")], precision: "month", dayStated: false })).toEqual([]);
    expect(evidenceProblems({ sources: [src("news")], precision: "day" })).toEqual([]);
  });

  it("counts records by their best kind, every kind listed", () => {
    expect(countByBestKind([{ sources: [src("news"), src("official_site")] }, { sources: [src("news")] }])).toEqual({
      official_document: 0,
      official_site: 1,
      state_news_agency: 0,
      news: 1,
      secondary: 0,
    });
  });
});
