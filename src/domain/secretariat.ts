/**
 * The Secretariat's leadership rules, as published by the Secretariat (seed 000): the
 * Secretary-General is appointed from among citizens of the member states "on a rotating basis in
 * Russian alphabetical order for a single three-year term with no possibility of extension";
 * Deputy Secretaries-General are nominated by the Council of National Coordinators and approved by
 * the Council of Ministers of Foreign Affairs (no term rule is published for them).
 * Pure functions: the member lists come from the status registry (isReportedOn) and are passed in.
 */
import { daysInMonth, type PartialDate } from "./dates";

export const POSTS = ["secretary_general", "deputy_secretary_general"] as const;
export type Post = (typeof POSTS)[number];

export const TERM_YEARS = 3;

export interface TermDates {
  start: PartialDate;
  /** null while the term is open (or its end is not recorded) */
  end: PartialDate | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The day `years` after `day` ("YYYY-MM-DD"); 29 February becomes 28 February in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const year = y + years;
  return `${year}-${pad(m)}-${pad(Math.min(d, daysInMonth(year, m)))}`;
}

/**
 * The last day a three-year term begun on `start` can hold: a term from 2019-01-01 ends on
 * 2021-12-31 at the latest. With a partial start, the latest start day of its window counts.
 */
export const latestEndDay = (start: Pick<PartialDate, "windowEnd">) => addYears(start.windowEnd, TERM_YEARS);

/**
 * A term is certainly longer than three years when even its shortest reading (latest start, earliest
 * end) lasts past the third anniversary: its end's window starts on or after `latestEndDay`. Like
 * every date comparison here, a partial date contradicts the rule only when it certainly does.
 */
export function exceedsTerm(t: TermDates): boolean {
  return t.end !== null && t.end.windowStart >= latestEndDay(t.start);
}

/** The end is certainly before the start. */
export const endsBeforeStart = (t: TermDates) => t.end !== null && t.end.windowEnd < t.start.windowStart;

/** Whether a term holds the post on `day`: certainly (begun for certain, not ended for certain) or possibly. */
export function holdingOn(t: TermDates, day: string): "certainly" | "possibly" | "no" {
  // The end date is the last day in office (a term "to 2021-12-31" holds on that day).
  const begun = t.start.windowEnd <= day;
  const notEnded = t.end === null || day <= t.end.windowStart;
  if (begun && notEnded) return "certainly";
  const mayHaveBegun = t.start.windowStart <= day;
  const mayNotHaveEnded = t.end === null || day <= t.end.windowEnd;
  return mayHaveBegun && mayNotHaveEnded ? "possibly" : "no";
}

/** Two terms of one post certainly overlap: some day is certainly held by both. */
export function overlap(a: TermDates, b: TermDates): boolean {
  // ISO days compare as strings: the later of the two.
  const from = a.start.windowEnd > b.start.windowEnd ? a.start.windowEnd : b.start.windowEnd;
  const aTo = a.end?.windowStart ?? "9999-12-31";
  const bTo = b.end?.windowStart ?? "9999-12-31";
  return from <= (aTo < bTo ? aTo : bTo);
}

export interface SgTerm extends TermDates {
  id: string;
  person: string;
  state: string;
  /** a sourced exception to the term rule, if the record carries one */
  exception?: string | null;
}

/**
 * What the rules say about one Secretary-General's term among the others: longer than three years,
 * a second term of the same person (an extension), an overlap with another term; and, for every
 * post, a nationality that is not a member state on the term's start (`membersOnStart`).
 */
export function termProblems(
  t: SgTerm & { post: Post },
  others: readonly SgTerm[],
  membersOnStart: readonly string[],
): string[] {
  const problems: string[] = [];
  if (!membersOnStart.includes(t.state))
    problems.push(`${t.state} is not a member state on ${t.start.value} (members then: ${membersOnStart.join(", ")})`);
  if (endsBeforeStart(t)) problems.push(`ends (${t.end!.value}) before it starts (${t.start.value})`);
  if (t.post !== "secretary_general" || t.exception) return problems;
  if (exceedsTerm(t))
    problems.push(
      `lasts more than ${TERM_YEARS} years (${t.start.value} to ${t.end!.value}; a term begun then ends before ${latestEndDay(t.start)})`,
    );
  for (const o of others) {
    if (o.id === t.id) continue;
    if (o.person === t.person)
      problems.push(`is a second term of ${t.person} (also ${o.id}): the term is single, with no extension`);
    if (overlap(t, o)) problems.push(`overlaps ${o.id}`);
  }
  return problems;
}

export interface MemberName {
  id: string;
  /** the state's name in Russian (parties.name_ru) */
  nameRu: string;
}

export interface Appointment {
  termId: string;
  state: string;
  /** the day the member list is taken: the approving decision's day if recorded, else the term's start */
  on: string;
  /** the member states on `on`, with their Russian names */
  members: readonly MemberName[];
}

export interface RotationCheck {
  termId: string;
  /** null where the rule names no state (the first appointment) */
  expected: string | null;
  actual: string;
  followed: boolean | null;
  /** the order compared against: member ids sorted by their Russian names */
  order: string[];
  note: string;
}

// Workers and Node both ship full ICU, so "ru" collates as Russian (ё with е, hyphens ignored, …).
const russian = new Intl.Collator("ru");

/** Member ids in Russian alphabetical order of their Russian names. */
export const russianOrder = (members: readonly MemberName[]) =>
  [...members].sort((a, b) => russian.compare(a.nameRu, b.nameRu) || (a.id < b.id ? -1 : 1));

/**
 * The naive reading of "on a rotating basis in Russian alphabetical order", compared with practice.
 * For each appointment after the first: sort the member states on the appointment's day by their
 * Russian names; the expected state is the first one that sorts after the previous
 * Secretary-General's state (by that state's Russian name, so it works even if that state is no
 * longer a member), wrapping around to the first. Where the recorded state differs, it is reported
 * as a departure from this reading, not as an error: the registry records practice and does not
 * invent another rule. The first appointment has no predecessor, and the rule names no starting
 * state, so nothing is expected of it.
 */
export function checkRotation(
  appointments: readonly Appointment[],
  previousNameRu: (state: string) => string | undefined,
): RotationCheck[] {
  return appointments.map((a, i) => {
    const ordered = russianOrder(a.members);
    const order = ordered.map((m) => m.id);
    const prev = i > 0 ? appointments[i - 1]!.state : null;
    if (prev === null) {
      return {
        termId: a.termId,
        expected: null,
        actual: a.state,
        followed: null,
        order,
        note: "First appointment: the rule names no state to start from.",
      };
    }
    const prevName = ordered.find((m) => m.id === prev)?.nameRu ?? previousNameRu(prev) ?? prev;
    const next = ordered.find((m) => russian.compare(m.nameRu, prevName) > 0) ?? ordered[0];
    const expected = next?.id ?? null;
    const followed = expected === a.state;
    const note = followed
      ? `${a.state} follows ${prev} in the Russian alphabetical order of the ${order.length} member states on ${a.on}.`
      : `The next member state after ${prev} in the Russian alphabetical order of the ${order.length} member states on ${a.on} is ${expected}; the post went to ${a.state}.`;
    return { termId: a.termId, expected, actual: a.state, followed, order, note };
  });
}
