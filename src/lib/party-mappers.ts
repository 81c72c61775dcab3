/** Rows to wire shapes and to the domain's inputs; the only place that knows both. */

import type { PartyRow, PeriodBoundsRow, StatusEventRow, StatusPeriodRow } from "../db/parties";
import { type ContestedSpan, contestedOn, contestedSpans } from "../domain/contested";
import { type PartialDate, validPartialDate } from "../domain/dates";
import type { Alternative, Certainty, Source } from "../domain/evidence";
import {
  derivePeriods,
  endUncertainty,
  logOrder,
  type PeriodBounds,
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

/** The contested spans of a party's log as stored (parties.contested), from its rows and their other readings. */
export function contestedSpansOfLog(rows: readonly StatusEventRow[]): ContestedSpan[] {
  return contestedSpans(
    rows.map((e) => ({
      ...toEventInput(e),
      alternatives: (JSON.parse(e.alternatives) as Alternative[]).map((a) => ({
        ...a,
        date: a.date ? validPartialDate(a.date) : undefined,
      })),
    })),
  );
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
    certainty: row.certainty as Certainty,
    basis: row.basisAgreementId ? { agreementId: row.basisAgreementId } : null,
    alternatives: JSON.parse(row.alternatives) as Alternative[],
    sources: JSON.parse(row.sources) as Source[],
  };
}

/** Written only from contestedSpans (src/domain/contested.ts) by the data build and the event write. */
export const contestedSpansOf = (party: Pick<PartyRow, "contested">) => JSON.parse(party.contested) as ContestedSpan[];

/** Whether `day` falls in a contested span, and what the other reading says there. */
export function contestedOnDay(party: Pick<PartyRow, "contested">, day: string) {
  const span = contestedOn(contestedSpansOf(party), day);
  return {
    contested: span !== null,
    alternative: span && {
      status: span.alternative.status,
      reading: {
        date: span.alternative.reading.date,
        kind: span.alternative.reading.kind,
        note: span.alternative.reading.note,
        sources: span.alternative.reading.sources,
      },
      span: { from: span.from, to: span.to },
    },
  };
}

export const toWireSpan = (s: ContestedSpan) => ({
  eventId: s.eventId,
  from: s.from,
  to: s.to,
  status: s.status,
  alternative: {
    status: s.alternative.status,
    reading: { ...s.alternative.reading },
  },
});

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
export function historyOf(party: Pick<PartyRow, "kind" | "contested">, events: StatusEventRow[], day: string) {
  const periods = derivePeriods(events.map(toEventInput));
  const answer = statusOn(periods, day);
  return {
    periods,
    history: {
      events: events.map((e) => toWireEvent(e, party.kind)),
      periods: periods.map(toWirePeriod),
      contested: contestedSpansOf(party).map(toWireSpan),
    },
    statusOnDay: { ...toWireStatusOnDay(answer, day), ...contestedOnDay(party, day) },
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
export function periodOnDay(
  p: Pick<StatusPeriodRow, "status" | "fromDate" | "fromPrecision" | "toWindowStart" | "toWindowEnd" | "nextStatus"> &
    PeriodBounds,
  day: string,
  party: Pick<PartyRow, "contested">,
) {
  return {
    status: p.status as Status,
    since: wireDateOf(p.fromDate, p.fromPrecision)!,
    ...endUncertainty(p, (p.nextStatus as Status | null) ?? null, day),
    ...contestedOnDay(party, day),
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
export function statusOnDayFromPeriods(rows: PeriodBoundsRow[], day: string, party: Pick<PartyRow, "contested">) {
  const periods = rows
    .map(toDomainPeriod)
    .sort((a, b) =>
      logOrder(
        { windowStart: a.from.windowStart, id: a.startEventId },
        { windowStart: b.from.windowStart, id: b.startEventId },
      ),
    );
  return { ...toWireStatusOnDay(statusOn(periods, day), day), ...contestedOnDay(party, day) };
}

/** A party's identifiers as served; the ISO codes of a state are its alpha-2 and its id (alpha-3). */
export function identifiersOf(
  party: Pick<PartyRow, "id" | "kind" | "alpha2" | "m49" | "wikidata" | "website" | "identifierSources">,
) {
  const sources = JSON.parse(party.identifierSources) as { codes?: Source; wikidata?: Source; website?: Source };
  const state = party.kind === "state";
  return {
    wikidata: party.wikidata,
    iso3166Alpha2: state ? party.alpha2 : null,
    iso3166Alpha3: state ? party.id : null,
    m49: party.m49,
    website: party.website,
    sources: { codes: sources.codes ?? null, wikidata: sources.wikidata ?? null, website: sources.website ?? null },
  };
}
