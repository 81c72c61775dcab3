import { describe, expect, it } from "vitest";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import { derivePeriods, type StatusEventInput, statusOn } from "../../src/domain/periods";
import type { EventKind, Status } from "../../src/domain/statuses";

const d = (v: string) => parsePartialDate(v) as PartialDate;
let nextId = 1;
const ev = (date: string, status: Status, kind: EventKind = "status_granted"): StatusEventInput => ({
  id: nextId++,
  status,
  kind,
  date: d(date),
});

describe("derivePeriods", () => {
  it("opens a period on a change of status and ends it on the next change", () => {
    const log = [
      ev("2005-07-05", "observer"),
      ev("2015-07-10", "observer", "accession_launched"),
      ev("2017-06-09", "member", "accession"),
    ];
    const periods = derivePeriods(log);
    expect(periods.map((p) => [p.status, p.from.value, p.to?.value ?? null])).toEqual([
      ["observer", "2005-07-05", "2017-06-09"],
      ["member", "2017-06-09", null],
    ]);
    expect(periods[0]!.eventIds).toHaveLength(2);
  });

  it("converts observers and dialogue partners to partners", () => {
    const periods = derivePeriods([ev("2004", "observer"), ev("2025-09-01", "partner", "conversion")]);
    expect(statusOn(periods, "2014-01-01").status).toBe("observer");
    expect(statusOn(periods, "2026-01-01").status).toBe("partner");
    expect(statusOn(periods, "2026-01-01").since).toMatchObject({ value: "2025-09-01" });
  });

  it("ends every status on withdrawal and reports none afterwards, since the withdrawal", () => {
    const periods = derivePeriods([ev("2009-06-16", "dialogue_partner"), ev("2012-03", "none", "withdrawal")]);
    expect(periods).toHaveLength(1);
    expect(statusOn(periods, "2011-01-01").status).toBe("dialogue_partner");
    const after = statusOn(periods, "2013-01-01");
    expect(after).toMatchObject({ status: "none", since: { value: "2012-03" }, uncertain: false });
  });

  it("applies same-day events in the order they were recorded", () => {
    const periods = derivePeriods([ev("2022-09-16", "dialogue_partner"), ev("2022-09-16", "observer")]);
    expect(statusOn(periods, "2022-09-16").status).toBe("observer");
    expect(statusOn(periods, "2022-09-15").status).toBe("none");
  });

  it("orders events by date whatever order they come in", () => {
    const late = ev("2017-06-09", "member", "accession");
    const early = ev("2005-07-05", "observer");
    expect(derivePeriods([late, early]).map((p) => p.status)).toEqual(["observer", "member"]);
  });
});

describe("statusOn with imprecise dates", () => {
  it("is uncertain inside a month window and certain after it", () => {
    const periods = derivePeriods([ev("2005-07", "observer")]);
    expect(statusOn(periods, "2005-06-30")).toMatchObject({ status: "none", uncertain: false });
    expect(statusOn(periods, "2005-07-20")).toMatchObject({
      status: "none",
      uncertain: true,
      possibleStatus: "observer",
      uncertainWindow: { from: "2005-07-01", to: "2005-07-31" },
    });
    expect(statusOn(periods, "2005-07-31")).toMatchObject({ status: "observer", uncertain: false });
  });

  it("is uncertain through a whole year for a year-only date", () => {
    const periods = derivePeriods([ev("2004", "observer")]);
    expect(statusOn(periods, "2004-01-01")).toMatchObject({
      status: "none",
      uncertain: true,
      possibleStatus: "observer",
    });
    expect(statusOn(periods, "2004-12-30").uncertain).toBe(true);
    expect(statusOn(periods, "2004-12-31")).toMatchObject({
      status: "observer",
      uncertain: false,
      since: { value: "2004", precision: "year" },
    });
  });

  it("keeps the earlier status while the end of a period is uncertain", () => {
    const periods = derivePeriods([ev("2009-06-16", "dialogue_partner"), ev("2015", "observer")]);
    expect(statusOn(periods, "2015-05-05")).toMatchObject({
      status: "dialogue_partner",
      uncertain: true,
      possibleStatus: "observer",
    });
    expect(statusOn(periods, "2016-01-01")).toMatchObject({ status: "observer", uncertain: false });
  });

  it("day-precision events are certain on their own day", () => {
    const periods = derivePeriods([ev("2023-07-04", "member", "accession")]);
    expect(statusOn(periods, "2023-07-03")).toMatchObject({ status: "none", uncertain: false });
    expect(statusOn(periods, "2023-07-04")).toMatchObject({ status: "member", uncertain: false });
  });
});
