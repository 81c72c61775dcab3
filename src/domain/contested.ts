/**
 * Contested facts. Where sources disagree on an event (another date, kind of act or status), the
 * registry keeps its reading and the other one. Between the two readings' dates the party's status
 * differs by reading: that is a contested span. The spans are derived here from the log alone, so
 * the data builder and the write path store the same ones (parties.contested), and the status read
 * answers "contested" from the party's row without reading its events.
 */
import type { PartialDate } from "./dates";
import type { Alternative } from "./evidence";
import { derivePeriods, type StatusEventInput, statusOn } from "./periods";
import type { EventKind, Status } from "./statuses";

export interface ContestableEvent extends StatusEventInput {
  alternatives?: readonly (Omit<Alternative, "date"> & { date?: PartialDate })[];
}

export interface ContestedSpan {
  /** the event whose other reading makes the span */
  eventId: number;
  /** first day of the span */
  from: string;
  /** first day after the span; null while the other reading still differs today */
  to: string | null;
  /** the registry's reading on `from` */
  status: Status;
  alternative: {
    /** what the other reading says the party holds in the span */
    status: Status;
    reading: { date: string; kind: EventKind; status: Status; note: string | null; sources: Alternative["sources"] };
  };
}

export function contestedSpans(log: readonly ContestableEvent[]): ContestedSpan[] {
  const spans: ContestedSpan[] = [];
  const main = derivePeriods(log);
  for (const event of log) {
    for (const alt of event.alternatives ?? []) {
      const date = alt.date ?? event.date;
      const reading = { ...event, date, kind: alt.kind ?? event.kind, status: alt.status ?? event.status };
      const other = derivePeriods(log.map((e) => (e.id === event.id ? reading : e)));
      const [from, until] = [event.date.windowStart, date.windowStart].sort() as [string, string];
      // Same date, other status: the readings differ until the party's next event.
      const later = log.filter((e) => e.date.windowStart > from).map((e) => e.date.windowStart);
      const to = until !== from ? until : (later.sort()[0] ?? null);
      const status = statusOn(main, from).status;
      const alternativeStatus = statusOn(other, from).status;
      if (status === alternativeStatus) continue;
      spans.push({
        eventId: event.id,
        from,
        to,
        status,
        alternative: {
          status: alternativeStatus,
          reading: {
            date: date.value,
            kind: reading.kind,
            status: reading.status,
            note: alt.note ?? null,
            sources: alt.sources,
          },
        },
      });
    }
  }
  return spans.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.eventId - b.eventId));
}

/** The contested span holding `day`, if any. */
export const contestedOn = <S extends Pick<ContestedSpan, "from" | "to">>(spans: readonly S[], day: string) =>
  spans.find((s) => s.from <= day && (s.to === null || day < s.to)) ?? null;
