import { describe, expect, it } from "vitest";
import seedMigration from "../../migrations/0001_real_history.sql?raw";
import agreements from "../../src/data/agreements.json";
import parties from "../../src/data/parties.json";
import { SeedError, seedSql, validateSeed } from "../../src/data/seed";
import events from "../../src/data/status-events.json";

const real = { parties, events, agreements };
const problemsOf = (input: typeof real) => {
  try {
    validateSeed(input);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(SeedError);
    return (e as SeedError).problems;
  }
};

describe("the real history", () => {
  it("is valid and is exactly what the data migration loads", () => {
    expect(seedSql(validateSeed(real))).toBe(seedMigration);
  });

  it("has a source on every event and agreement", () => {
    expect(events.every((e) => e.sources.length > 0)).toBe(true);
    expect(agreements.every((a) => a.sources.length > 0)).toBe(true);
  });

  it("refuses a typo in a party reference, such as ACEAN", () => {
    const typo = agreements.map((a, i) => (i === 0 ? { ...a, counterparties: ["ACEAN"] } : a));
    expect(problemsOf({ ...real, agreements: typo })).toEqual([
      expect.stringContaining('unknown counterparty "ACEAN"'),
    ]);
    const badEvent = [...events, { ...events[0]!, party: "ACEAN" }];
    expect(problemsOf({ ...real, events: badEvent }).join("\n")).toContain('unknown party "ACEAN"');
  });

  it("refuses an impossible date such as 219 or 2017-13-45", () => {
    const bad = events.map((e, i) => (i === 0 ? { ...e, date: "219" } : i === 1 ? { ...e, date: "2017-13-45" } : e));
    const problems = problemsOf({ ...real, events: bad }).join("\n");
    expect(problems).toContain('"219" is not a date');
    expect(problems).toContain("month 13 does not exist");
  });

  it("refuses a record without a source, a second founding and an unknown status", () => {
    const noSource = events.map((e, i) => (i === 0 ? { ...e, sources: [] } : e));
    expect(problemsOf({ ...real, events: noSource }).join("\n")).toContain("at least one source");
    const china = events.find((e) => e.party === "CHN")!;
    expect(problemsOf({ ...real, events: [...events, { ...china, date: "2001-06-15" }] }).join("\n")).toContain(
      "already has a founding event",
    );
    const unknown = events.map((e, i) => (i === 0 ? { ...e, status: "overlord" } : e));
    expect(problemsOf({ ...real, events: unknown }).join("\n")).toContain("status");
  });

  it("refuses a state name in Russian written in Latin letters", () => {
    const bad = parties.map((p, i) => (i === 0 ? { ...p, name: { ...p.name, ru: "Kitai" } } : p));
    expect(problemsOf({ ...real, parties: bad }).join("\n")).toContain("Cyrillic");
  });
});
