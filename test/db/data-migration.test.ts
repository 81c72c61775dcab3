import { describe, expect, it } from "vitest";
import seedMigration from "../../migrations/0001_real_history.sql?raw";
import evidenceMigration from "../../migrations/0014_evidence_data.sql?raw";
import agreements from "../../src/data/agreements.json";
import attendances from "../../src/data/attendances.json";
import { evidenceReport, evidenceSql } from "../../src/data/evidence-seed";
import parties from "../../src/data/parties.json";
import scoStatuses from "../../src/data/sco-statuses.json";
import { SeedError, seedSql, validateSeed } from "../../src/data/seed";
import events from "../../src/data/status-events.json";

const real = { parties, events, agreements, attendances, scoStatuses } as {
  parties: unknown[];
  events: any[];
  agreements: any[];
  attendances: any[];
  scoStatuses: any[];
};
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
    expect(evidenceSql(validateSeed(real))).toBe(evidenceMigration);
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
    const bad = parties.map((p, i) => (i === 0 ? { ...p, name: { ...p.name, ru: "Kitai" } } : p)) as unknown[];
    expect(problemsOf({ ...real, parties: bad }).join("\n")).toContain("Cyrillic");
  });
});

/** The evidence rules of issue 10, each shown refusing a broken copy of the real data. */
describe("the evidence of the real history", () => {
  const egyptMemo = events.findIndex((e) => e.party === "EGY" && e.kind === "memorandum_signed");
  const withEvent = (i: number, change: (e: any) => any) => ({
    ...real,
    events: events.map((e, j) => (j === i ? change(e) : e)),
  });

  it("refuses a record without a source, in every file", () => {
    expect(
      problemsOf({ ...real, agreements: agreements.map((a, i) => (i === 0 ? { ...a, sources: [] } : a)) }).join("\n"),
    ).toContain("at least one source");
    expect(problemsOf({ ...real, attendances: [{ ...attendances[0], sources: [] }] }).join("\n")).toContain(
      "at least one source",
    );
  });

  it("refuses a source of an unknown kind or without a publisher", () => {
    const bad = withEvent(0, (e) => ({ ...e, sources: [{ title: "x", publisher: "y", kind: "blog" }] }));
    expect(problemsOf(bad).join("\n")).toContain("sources.0.kind");
    const noPublisher = withEvent(0, (e) => ({ ...e, sources: [{ title: "x", kind: "news" }] }));
    expect(problemsOf(noPublisher).join("\n")).toContain("sources.0.publisher");
  });

  it("refuses a contested fact whose other reading has no sources", () => {
    const bad = withEvent(egyptMemo, (e) => ({ ...e, alternatives: [{ ...e.alternatives[0], sources: [] }] }));
    expect(problemsOf(bad).join("\n")).toContain("an alternative reading needs sources of its own");
  });

  it("refuses high certainty on a contested fact", () => {
    const bad = withEvent(egyptMemo, (e) => ({ ...e, certainty: "high" }));
    expect(problemsOf(bad).join("\n")).toContain("cannot be of high certainty");
  });

  it("refuses a status granted by a decision to launch the procedure", () => {
    const launch = events.findIndex((e) => e.party === "EGY" && e.kind === "procedure_launched");
    const bad = withEvent(launch, (e) => ({ ...e, status: "dialogue_partner" }));
    expect(problemsOf(bad).join("\n")).toContain('a "procedure_launched" step does not grant a status');
  });

  it("refuses a day that no source states (an inferred day)", () => {
    const kuwait = events.findIndex((e) => e.party === "KWT" && e.kind === "memorandum_signed");
    const bad = withEvent(kuwait, (e) => ({ ...e, date: "2023-05-05", dayStated: false }));
    expect(problemsOf(bad).join("\n")).toContain("no source states the day");
  });

  it("holds no inferred day: the Goa memoranda of 4-5 May 2023 are stored at month precision", () => {
    const goa = events.filter((e) => ["KWT", "MDV", "MMR", "ARE"].includes(e.party) && e.kind === "memorandum_signed");
    expect(goa.map((e) => e.date)).toEqual(["2023-05", "2023-05", "2023-05", "2023-05"]);
    expect(events.some((e) => e.date === "2023-05-05")).toBe(false);
  });

  it("refuses a basis naming an agreement the registry does not hold", () => {
    const bad = withEvent(egyptMemo, (e) => ({ ...e, basis: { agreementId: "sco-nowhere-2022" } }));
    expect(problemsOf(bad).join("\n")).toContain('unknown agreement "sco-nowhere-2022"');
  });

  it("keeps guest attendance out of the status log", () => {
    expect(events.some((e) => (e.kind as string) === "guest_attendance" || e.status === "guest")).toBe(false);
    expect(problemsOf(withEvent(0, (e) => ({ ...e, kind: "guest_attendance" }))).join("\n")).toContain("kind");
    expect(problemsOf({ ...real, attendances: [{ ...attendances[0], party: "ACEAN" }] }).join("\n")).toContain(
      'unknown party "ACEAN"',
    );
  });

  it("reports the same warnings and counts on every run, one count per kind of source", () => {
    const first = evidenceReport(validateSeed(real).records);
    expect(evidenceReport(validateSeed(structuredClone(real)).records)).toEqual(first);
    const counts = first.filter((l) => l.startsWith("  "));
    expect(counts.map((l) => l.trim().split(":")[0])).toEqual([
      "official_document",
      "official_site",
      "state_news_agency",
      "news",
      "secondary",
    ]);
    const total = counts.reduce((n, l) => n + Number(l.split(": ")[1]), 0);
    expect(total).toBe(validateSeed(real).records.length);
    expect(first.filter((l) => l.startsWith("warning:")).every((l) => l.includes("rests only on news"))).toBe(true);
  });
});
