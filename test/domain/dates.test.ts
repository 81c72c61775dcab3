import { describe, expect, it } from "vitest";
import {
  daysInMonth,
  horizonDay,
  isBeyondHorizon,
  notBefore,
  type PartialDate,
  parseDay,
  parsePartialDate,
  today,
} from "../../src/domain/dates";

const d = (v: string) => parsePartialDate(v) as PartialDate;

describe("partial dates", () => {
  it("keeps a year-only date as a window, never 1 January", () => {
    expect(d("2004")).toEqual({ value: "2004", precision: "year", windowStart: "2004-01-01", windowEnd: "2004-12-31" });
    expect(d("2005-07")).toEqual({
      value: "2005-07",
      precision: "month",
      windowStart: "2005-07-01",
      windowEnd: "2005-07-31",
    });
    expect(d("2024-02")).toMatchObject({ windowEnd: "2024-02-29" });
    expect(d("2023-02")).toMatchObject({ windowEnd: "2023-02-28" });
    expect(d("2100-02")).toMatchObject({ windowEnd: "2100-02-28" }); // a century year is not a leap year
    expect(d("2000-02")).toMatchObject({ windowEnd: "2000-02-29" }); // unless divisible by 400
    expect(d("2017-06-09")).toMatchObject({ precision: "day", windowStart: "2017-06-09", windowEnd: "2017-06-09" });
  });

  it("refuses impossible dates with a reason", () => {
    expect(parsePartialDate("219")).toEqual({ error: expect.stringContaining("not a date") });
    expect(parsePartialDate("0219")).toEqual({ error: expect.stringContaining("outside") });
    expect(parsePartialDate("2017-13-45")).toEqual({ error: expect.stringContaining("month 13") });
    expect(parsePartialDate("2023-02-29")).toEqual({ error: expect.stringContaining("day 29") });
    expect(parsePartialDate("2017-00")).toEqual({ error: expect.stringContaining("month 00") });
    expect(parsePartialDate("2017-06-00")).toEqual({ error: expect.stringContaining("day 00") });
    for (const bad of ["2017-6-9", "2017/06/09", " 2017", "2017-06-09T00:00", ""])
      expect(parsePartialDate(bad)).toHaveProperty("error");
  });

  it("accepts the years 1990 to 2100 and no others", () => {
    expect(d("1990")).toMatchObject({ precision: "year" });
    expect(d("2100-12-31")).toMatchObject({ precision: "day" });
    expect(parsePartialDate("1989-12-31")).toEqual({ error: expect.stringContaining("outside 1990-2100") });
    expect(parsePartialDate("2101")).toEqual({ error: expect.stringContaining("outside 1990-2100") });
  });

  it("counts the days of each month", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe("parseDay", () => {
  it("accepts a calendar day only: a year or a month is not a day", () => {
    expect(parseDay("2024-02-29")).toBe("2024-02-29");
    expect(parseDay("2024")).toEqual({ error: expect.stringContaining("use YYYY-MM-DD") });
    expect(parseDay("2024-02")).toEqual({ error: expect.stringContaining("use YYYY-MM-DD") });
    expect(parseDay("2023-02-29")).toEqual({ error: expect.stringContaining("day 29") });
  });
});

describe("today", () => {
  it("is the UTC day of the given instant", () => {
    expect(today(new Date("2026-03-01T23:59:59.999Z"))).toBe("2026-03-01");
    expect(today(new Date("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
  });
});

describe("the horizon", () => {
  it("puts the horizon a year ahead, 29 February included", () => {
    expect(horizonDay("2026-12-02")).toBe("2027-12-02");
    expect(horizonDay("2028-02-29")).toBe("2029-02-28");
    expect(horizonDay("2027-02-28")).toBe("2028-02-28");
    expect(horizonDay("2026-12-31")).toBe("2027-12-31");
  });

  it("lets a date be recorded while its window starts on or before the horizon", () => {
    expect(isBeyondHorizon(d("2027-12-02"), "2026-12-02")).toBe(false);
    expect(isBeyondHorizon(d("2027-12-03"), "2026-12-02")).toBe(true);
    // A year- or month-precision date starting within the horizon may still be recorded.
    expect(isBeyondHorizon(d("2027"), "2026-12-02")).toBe(false);
    expect(isBeyondHorizon(d("2027-12"), "2026-12-02")).toBe(false);
    expect(isBeyondHorizon(d("2028"), "2026-12-02")).toBe(true);
    expect(isBeyondHorizon(d("2028-01"), "2026-12-02")).toBe(true);
  });
});

describe("notBefore", () => {
  it("is false only when the later date is certainly before the earlier one", () => {
    expect(notBefore(d("2026-06-15"), d("2026-06-15"))).toBe(true);
    expect(notBefore(d("2026-06-14"), d("2026-06-15"))).toBe(false);
    expect(notBefore(d("2026"), d("2026-12-31"))).toBe(true);
    expect(notBefore(d("2026-06"), d("2026-06-30"))).toBe(true);
    expect(notBefore(d("2026-05"), d("2026-06-01"))).toBe(false);
    expect(notBefore(d("2025"), d("2026"))).toBe(false);
  });
});
