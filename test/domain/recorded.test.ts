import { describe, expect, it } from "vitest";
import { isRecordedAt, latestRecorded, parseAsRecordedOn } from "../../src/domain/recorded";

const now = new Date("2026-12-02T06:00:00.000Z");

describe("parseAsRecordedOn", () => {
  it("a day is the end of that day in UTC; an instant with a zone is that instant", () => {
    expect(parseAsRecordedOn("2026-12-01", now)).toBe("2026-12-01T23:59:59.999Z");
    expect(parseAsRecordedOn("2026-12-02", now)).toBe("2026-12-02T23:59:59.999Z");
    expect(parseAsRecordedOn("2026-12-01T08:00:00Z", now)).toBe("2026-12-01T08:00:00.000Z");
    expect(parseAsRecordedOn("2026-12-01T10:00:00+02:00", now)).toBe("2026-12-01T08:00:00.000Z");
    expect(parseAsRecordedOn("2026-12-01T08:00:00.123456Z", now)).toBe("2026-12-01T08:00:00.123Z");
  });

  it("refuses malformed values, a time without a zone, and the future", () => {
    for (const bad of ["", "2026", "2026-12", "2026-02-30", "2026-13-01", "2026-12-01T08:00:00", "yesterday"])
      expect(parseAsRecordedOn(bad, now), bad).toHaveProperty("error");
    expect(parseAsRecordedOn("2026-12-03", now)).toHaveProperty("error");
    expect(parseAsRecordedOn("2026-12-02T06:00:00.001Z", now)).toHaveProperty("error");
    expect(parseAsRecordedOn("2026-12-02T06:00:00.000Z", now)).toBe("2026-12-02T06:00:00.000Z");
  });
});

describe("isRecordedAt and latestRecorded", () => {
  const v1 = { recordedFrom: "2026-12-01T00:00:00.000Z", recordedUntil: "2026-12-01T10:00:00.000Z" };
  const v2 = { recordedFrom: "2026-12-01T10:00:00.000Z", recordedUntil: null };
  it("a version is the record from its start (inclusive) until the next one (exclusive)", () => {
    expect(isRecordedAt(v1, "2025-01-01T00:00:00.000Z")).toBe(false);
    expect(isRecordedAt(v1, v1.recordedFrom)).toBe(true);
    expect(isRecordedAt(v1, "2026-12-01T09:59:59.999Z")).toBe(true);
    expect(isRecordedAt(v1, v2.recordedFrom)).toBe(false);
    expect(isRecordedAt(v2, v2.recordedFrom)).toBe(true);
    // Exactly one version of a fact is the record at any moment after its first.
    for (const at of ["2026-12-01T00:00:00.000Z", "2026-12-01T09:00:00.000Z", "2026-12-01T10:00:00.000Z", "2030-01-01"])
      expect([v1, v2].filter((v) => isRecordedAt(v, at))).toHaveLength(1);
  });
  it("the answer rests on the last change recorded by then", () => {
    expect(latestRecorded([v1, v2], "2026-12-01T09:00:00.000Z")).toBe(v1.recordedFrom);
    expect(latestRecorded([v1, v2], "2026-12-01T11:00:00.000Z")).toBe(v2.recordedFrom);
    expect(latestRecorded([v1], "2026-12-01T11:00:00.000Z")).toBe(v1.recordedUntil);
    expect(latestRecorded([v1, v2], "2020-01-01T00:00:00.000Z")).toBeNull();
  });
});
