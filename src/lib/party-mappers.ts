/** Rows to wire shapes and to the domain's inputs; the only place that knows both. */

import type { PartyRow, PeriodBoundsRow, StatusEventRow, StatusPeriodRow } from "../db/parties";
import type { PartialDate } from "../domain/dates";
import {
  derivePeriods,
  endUncertainty,
  logOrder,
  type StatusEventInput,
  type StatusOnDay,
  type StatusPeriod,
  statusOn,
} from "../domain/periods";
import type { EventKind, Status } from "../domain/statuses";
import type { Language } from "./params";

export const toPartialDate = (
  date: string,
  precision: string,
  windowStart: string,
  windowEnd: string,
): PartialDate => ({
  value: date,
  precision: precision as PartialDate["precision"],
  windowStart,
  windowEnd,
});

export const wireDate = (d: PartialDate | null) => (d ? { date: d.value, precision: d.precision } : null);

export function wireDateOf(date: string | null, precision: string | null) {
  return date && precision ? { date, precision: precision as PartialDate["precision"] } : null;
}

export function toEventInput(row: StatusEventRow): StatusEventInput {
  return {
    id: row.id,
    status: row.status as Status,
    kind: row.kind as EventKind,
    date: toPartialDate(row.date, row.precision, row.windowStart, row.windowEnd),
  };
}

export function toWireEvent(row: StatusEventRow, partyKind: string) {
  return {
    id: row.id,
    party: row.partyId,
    partyKind: partyKind as "state" | "organisation",
    status: row.status as Status,
    kind: row.kind as EventKind,
    effective: { date: row.date, precision: row.precision },
    decision: row.decision,
    body: row.body,
    place: row.place,
    note: row.note,
    sources: JSON.parse(row.sources) as string[],
  };
}

export const toWirePeriod = (p: StatusPeriod) => ({
  status: p.status,
  from: wireDate(p.from)!,
  to: wireDate(p.to),
  startEventId: p.startEventId,
  endEventId: p.endEventId,
});

export function nameOf(party: Pick<PartyRow, "nameEn" | "nameRu" | "nameZh">, lang: Language): string {
  return lang === "ru" ? party.nameRu : lang === "zh" ? party.nameZh : party.nameEn;
}

export const namesOf = (party: Pick<PartyRow, "nameEn" | "nameRu" | "nameZh">) => ({
  en: party.nameEn,
  ru: party.nameRu,
  zh: party.nameZh,
});

/** A party's history and its status on `day`, all by the one rule in src/domain/periods.ts. */
export function historyOf(party: Pick<PartyRow, "kind">, events: StatusEventRow[], day: string) {
  const periods = derivePeriods(events.map(toEventInput));
  const answer = statusOn(periods, day);
  return {
    periods,
    history: { events: events.map((e) => toWireEvent(e, party.kind)), periods: periods.map(toWirePeriod) },
    statusOnDay: toWireStatusOnDay(answer, day),
  };
}

export const toWireStatusOnDay = (answer: StatusOnDay, day: string) => ({
  at: day,
  status: answer.status,
  since: wireDate(answer.since),
  uncertain: answer.uncertain,
  possibleStatus: answer.possibleStatus,
  uncertainWindow: answer.uncertainWindow,
});

/** The status fields of a period row reported on `day` (endUncertainty, src/domain/periods.ts). */
export function periodOnDay(p: StatusPeriodRow, day: string) {
  return {
    status: p.status as Status,
    since: wireDateOf(p.fromDate, p.fromPrecision)!,
    ...endUncertainty(p, (p.nextStatus as Status | null) ?? null, day),
  };
}

/** A stored period row as the domain's period (its events are not needed to answer "as of"). */
export function toDomainPeriod(p: PeriodBoundsRow): StatusPeriod {
  return {
    status: p.status as StatusPeriod["status"],
    from: toPartialDate(p.fromDate, p.fromPrecision, p.fromWindowStart, p.fromWindowEnd),
    to:
      p.toDate && p.toPrecision && p.toWindowStart && p.toWindowEnd
        ? toPartialDate(p.toDate, p.toPrecision, p.toWindowStart, p.toWindowEnd)
        : null,
    startEventId: p.startEventId,
    endEventId: p.endEventId,
    eventIds: [p.startEventId],
  };
}

/** The answer for `day` from a party's stored periods, by the rule in src/domain/periods.ts. */
export function statusOnDayFromPeriods(rows: PeriodBoundsRow[], day: string) {
  const periods = rows
    .map(toDomainPeriod)
    .sort((a, b) =>
      logOrder(
        { windowStart: a.from.windowStart, id: a.startEventId },
        { windowStart: b.from.windowStart, id: b.startEventId },
      ),
    );
  return toWireStatusOnDay(statusOn(periods, day), day);
}
