/**
 * The one rule that turns a party's status events into status periods and answers "as of" questions.
 *
 * - Events apply in order of their date window's start, then of their id (the order they were
 *   recorded in), so two events of the same day apply in the order they were recorded.
 * - A period starts with an event that changes the status and ends with the next one that changes
 *   it again; events that keep the status (an accession procedure launched, a memorandum signed)
 *   join the current period. `none` ends a period and starts none.
 * - A date known to a precision of a year or a month is a window, never its first day. On a day D
 *   a boundary has certainly happened when its window ends on or before D, and may have happened
 *   when D falls inside its window. Inside that window the registry reports the status that was
 *   certainly held before, says `uncertain`, and names the status the party may already hold.
 */
import type { PartialDate } from "./dates";
import type { EventKind, Status } from "./statuses";

export interface StatusEventInput {
  id: number;
  status: Status;
  kind: EventKind;
  date: PartialDate;
}

export interface StatusPeriod {
  status: Exclude<Status, "none">;
  from: PartialDate;
  to: PartialDate | null;
  startEventId: number;
  endEventId: number | null;
  eventIds: number[];
}

/** The log's order: by the start of the date window, then by id (the order of recording). */
export function logOrder(a: { windowStart: string; id: number }, b: { windowStart: string; id: number }): number {
  if (a.windowStart !== b.windowStart) return a.windowStart < b.windowStart ? -1 : 1;
  return a.id - b.id;
}

export const compareEvents = (a: StatusEventInput, b: StatusEventInput) =>
  logOrder({ windowStart: a.date.windowStart, id: a.id }, { windowStart: b.date.windowStart, id: b.id });

export function derivePeriods(events: readonly StatusEventInput[]): StatusPeriod[] {
  const periods: StatusPeriod[] = [];
  let open: StatusPeriod | null = null;
  for (const event of [...events].sort(compareEvents)) {
    if (open && event.status === open.status) {
      open.eventIds.push(event.id);
      continue;
    }
    if (open) {
      open.to = event.date;
      open.endEventId = event.id;
      open = null;
    }
    if (event.status !== "none") {
      open = {
        status: event.status,
        from: event.date,
        to: null,
        startEventId: event.id,
        endEventId: null,
        eventIds: [event.id],
      };
      periods.push(open);
    }
  }
  return periods;
}

export interface PeriodBounds {
  fromWindowEnd: string;
  toWindowStart: string | null;
  toWindowEnd: string | null;
}

export const boundsOf = (p: StatusPeriod): PeriodBounds => ({
  fromWindowEnd: p.from.windowEnd,
  toWindowStart: p.to?.windowStart ?? null,
  toWindowEnd: p.to?.windowEnd ?? null,
});

/** The period is the one reported on `day`: it has certainly begun and has not certainly ended. */
export function isReportedOn(p: PeriodBounds, day: string): boolean {
  return p.fromWindowEnd <= day && (p.toWindowEnd === null || day < p.toWindowEnd);
}

/** Its end may already have happened on `day`, but not certainly. */
export function endIsUncertainOn(p: PeriodBounds, day: string): boolean {
  return p.toWindowStart !== null && p.toWindowEnd !== null && p.toWindowStart <= day && day < p.toWindowEnd;
}

/**
 * What a reported period says about `day` beyond its status: whether its end may already have
 * happened (inside the end's window), the status the party may then hold, and that window.
 */
export function endUncertainty(p: PeriodBounds, nextStatus: Status | null, day: string) {
  const uncertain = endIsUncertainOn(p, day);
  return {
    uncertain,
    possibleStatus: uncertain ? (nextStatus ?? "none") : null,
    uncertainWindow:
      uncertain && p.toWindowStart !== null && p.toWindowEnd !== null
        ? { from: p.toWindowStart, to: p.toWindowEnd }
        : null,
  };
}

export interface StatusOnDay {
  status: Status;
  /** the start of the reported period, or of the `none` that followed a period */
  since: PartialDate | null;
  uncertain: boolean;
  /** where uncertain: the status the party may already hold on that day */
  possibleStatus: Status | null;
  /** where uncertain: the window of the event that may or may not have happened */
  uncertainWindow: { from: string; to: string } | null;
  period: StatusPeriod | null;
}

export function statusOn(periods: readonly StatusPeriod[], day: string): StatusOnDay {
  const reported = periods.find((p) => isReportedOn(boundsOf(p), day)) ?? null;
  // A boundary whose window holds `day`: either the end of the reported period or the start of one
  // that has not certainly begun.
  const pendingStart = periods.find((p) => p.from.windowStart <= day && day < p.from.windowEnd) ?? null;
  if (reported) {
    const next = periods.find((p) => p.startEventId === reported.endEventId);
    return {
      status: reported.status,
      since: reported.from,
      ...endUncertainty(boundsOf(reported), next?.status ?? null, day),
      period: reported,
    };
  }
  const previous = [...periods].reverse().find((p) => p.to !== null && p.to.windowEnd <= day) ?? null;
  return {
    status: "none",
    since: previous?.to ?? null,
    uncertain: pendingStart !== null,
    possibleStatus: pendingStart?.status ?? null,
    uncertainWindow: pendingStart ? { from: pendingStart.from.windowStart, to: pendingStart.from.windowEnd } : null,
    period: null,
  };
}
