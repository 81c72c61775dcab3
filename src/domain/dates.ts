/**
 * Dates with precision. A fact known only as "2004" or "July 2005" is kept as such: it is never
 * turned into 1 January or 1 July. Its window is the first and last day it may denote.
 */

export const PRECISIONS = ["year", "month", "day"] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface PartialDate {
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD" */
  value: string;
  precision: Precision;
  /** first day the date may denote, "YYYY-MM-DD" */
  windowStart: string;
  /** last day the date may denote, "YYYY-MM-DD" */
  windowEnd: string;
}

/** The registry's facts start with the Shanghai Five; nothing before 1990 or after 2100 is plausible. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number) => String(n).padStart(2, "0");

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; returns an error message instead of throwing. */
export function parsePartialDate(value: string): PartialDate | { error: string } {
  const match = PARTIAL_DATE_PATTERN.exec(value);
  if (!match) {
    return { error: `"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD` };
  }
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { error: `"${value}": year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  }
  if (match[2] === undefined) {
    return { value, precision: "year", windowStart: `${year}-01-01`, windowEnd: `${year}-12-31` };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { error: `"${value}": month ${match[2]} does not exist` };
  const lastDay = daysInMonth(year, month);
  if (match[3] === undefined) {
    const ym = `${year}-${pad(month)}`;
    return { value, precision: "month", windowStart: `${ym}-01`, windowEnd: `${ym}-${pad(lastDay)}` };
  }
  const day = Number(match[3]);
  if (day < 1 || day > lastDay) return { error: `"${value}": day ${match[3]} does not exist in ${year}-${pad(month)}` };
  return { value, precision: "day", windowStart: value, windowEnd: value };
}

/**
 * A date already validated (by a wire schema, the data builder, or on its way into a row): its
 * parts. Throws if it was not valid after all, rather than passing an error on as a date.
 */
export function validPartialDate(value: string): PartialDate {
  const parsed = parsePartialDate(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed;
}

/** Parses a calendar day ("YYYY-MM-DD" only), as used by `at=` queries. */
export function parseDay(value: string): string | { error: string } {
  if (!DAY_PATTERN.test(value)) return { error: `"${value}" is not a calendar date: use YYYY-MM-DD` };
  const parsed = parsePartialDate(value);
  return "error" in parsed ? parsed : parsed.windowStart;
}

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** How far ahead a dated fact may be recorded: a year. A later date is a typo or a plan, not a fact. */
export const HORIZON_YEARS = 1;

/** The last day a fact may be dated when recorded on `today` ("YYYY-MM-DD"). */
export function horizonDay(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const year = y + HORIZON_YEARS;
  // 29 February a year on is 28 February.
  return `${year}-${pad(m)}-${pad(Math.min(d, daysInMonth(year, m)))}`;
}

/** Whether a date may denote a day past the horizon: it starts after it. */
export const isBeyondHorizon = (date: Pick<PartialDate, "windowStart">, today: string) =>
  date.windowStart > horizonDay(today);

/** Whether `later` can be on or after `earlier`: false only when it is certainly before it. */
export const notBefore = (later: Pick<PartialDate, "windowEnd">, earlier: Pick<PartialDate, "windowStart">) =>
  later.windowEnd >= earlier.windowStart;
