/** Rows from the database to what the page draws; the status rule itself stays in src/domain. */

import type { PartyRow, StatusPeriodRow } from "../../db/parties";
import type { TermWithState } from "../../db/secretariat";
import { endIsUncertainOn, isReportedOn } from "../../domain/periods";
import { CONVERSION_DATE, FOUNDING_DATE, STATUSES } from "../../domain/statuses";
import type { Language } from "../../lib/params";
import { nameOf } from "../../lib/party-mappers";
import { type ShownStatus, TEXT, type TimelineText } from "./timeline.i18n";

export interface TimelinePeriod {
  status: ShownStatus;
  /** e.g. "India: observer, 2005-07-05 – 2017-06-09" */
  title: string;
  /** first day the period may have begun (drawn from here) and the day it certainly had */
  fromStart: string;
  fromEnd: string;
  /** where the bar stops: the start of the ending event's window, or today */
  to: string;
  /** the ending window's last day when the party left on a year- or month-precision date */
  endUncertainTo: string | null;
  fromText: string;
  toText: string;
}

export interface TimelineRow {
  id: string;
  kind: PartyRow["kind"];
  name: string;
  href: string;
  periods: TimelinePeriod[];
}

/** One Secretary-General's term as the chart's extra row and the table draw it. */
export interface SecretaryBar {
  /** in the page's language; the English name (marked lang="en") where no source gives a translation */
  person: string;
  personLang: Language;
  state: string;
  title: string;
  fromStart: string;
  fromEnd: string;
  to: string;
  endUncertainTo: string | null;
  fromText: string;
  toText: string;
}

export interface TimelineModel {
  lang: Language;
  t: TimelineText;
  today: string;
  rows: TimelineRow[];
  markers: { day: string; label: string }[];
  roster: { status: ShownStatus; items: { name: string; href: string; uncertain: boolean }[] }[];
  total: number;
  secretaries: SecretaryBar[];
}

const hrefOf = (p: PartyRow) => (p.kind === "state" ? `/v1/states/${p.id}` : `/v1/organisations/${p.id}`);

/** The Secretaries-General's terms as bars: a term is drawn from its start to its end, imprecise edges faint. */
export function secretaryBars(rows: TermWithState[], lang: Language, today: string, t: TimelineText): SecretaryBar[] {
  return rows
    .filter((r) => r.term.post === "secretary_general" && r.term.startWindowStart <= today)
    .map(({ term, state }) => {
      const translated = lang === "ru" ? term.nameRu : lang === "zh" ? term.nameZh : term.nameEn;
      const person = translated ?? term.nameEn;
      const stateName = nameOf(state, lang);
      const last = term.endWindowStart ?? today;
      const toText = term.endDate ?? t.ongoing;
      return {
        person,
        personLang: translated ? lang : "en",
        state: stateName,
        title: `${person} (${stateName}), ${term.startDate} – ${toText}`,
        fromStart: term.startWindowStart,
        fromEnd: term.startWindowEnd,
        to: last < today ? last : today,
        endUncertainTo:
          term.endWindowStart !== null && term.endWindowEnd !== null && term.endWindowStart < term.endWindowEnd
            ? term.endWindowEnd
            : null,
        fromText: term.startDate,
        toText,
      };
    });
}

export function buildTimeline(
  parties: PartyRow[],
  periods: StatusPeriodRow[],
  lang: Language,
  today: string,
  terms: TermWithState[] = [],
): TimelineModel {
  const t = TEXT[lang];
  const byParty = new Map<string, StatusPeriodRow[]>();
  for (const p of periods) byParty.set(p.partyId, [...(byParty.get(p.partyId) ?? []), p]);
  const roster = new Map<ShownStatus, TimelineModel["roster"][number]["items"]>();
  const accessions = new Map<string, string[]>();

  const rows = parties.map((party): TimelineRow => {
    const name = nameOf(party, lang);
    const href = hrefOf(party);
    const own = (byParty.get(party.id) ?? []).sort((a, b) => (a.fromWindowStart < b.fromWindowStart ? -1 : 1));
    const drawn = own.map((p): TimelinePeriod => {
      const status = p.status as ShownStatus;
      const bounds = { fromWindowEnd: p.fromWindowEnd, toWindowStart: p.toWindowStart, toWindowEnd: p.toWindowEnd };
      if (isReportedOn(bounds, today)) {
        roster.set(status, [...(roster.get(status) ?? []), { name, href, uncertain: endIsUncertainOn(bounds, today) }]);
      }
      if (status === "member" && p.fromDate !== FOUNDING_DATE)
        accessions.set(p.fromDate, [...(accessions.get(p.fromDate) ?? []), name]);
      const toText = p.toDate ?? t.ongoing;
      const partial = p.toWindowStart !== null && p.toWindowEnd !== null && p.toWindowStart < p.toWindowEnd;
      return {
        status,
        title: `${name}: ${t.statuses[status]}, ${p.fromDate} – ${toText}`,
        fromStart: p.fromWindowStart,
        fromEnd: p.fromWindowEnd,
        to: p.toWindowStart !== null && p.toWindowStart < today ? p.toWindowStart : today,
        endUncertainTo: partial && (p.nextStatus ?? "none") === "none" ? p.toWindowEnd : null,
        fromText: p.fromDate,
        toText,
      };
    });
    return { id: party.id, kind: party.kind, name, href, periods: drawn };
  });

  // States before organisations; each in the order they first gained a status, then by name.
  const first = (r: TimelineRow) => r.periods[0]?.fromStart ?? "9999";
  rows.sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === "state"
        ? -1
        : 1
      : first(a).localeCompare(first(b)) || a.name.localeCompare(b.name, lang),
  );

  const markers = [...accessions]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, names]) => ({ day, label: t.accession(day, names.join(", ")) }));
  if (CONVERSION_DATE <= today) markers.push({ day: CONVERSION_DATE, label: t.conversion(CONVERSION_DATE) });

  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, lang);
  const groups = STATUSES.flatMap((s) =>
    s !== "none" && roster.has(s) ? [{ status: s, items: roster.get(s)!.sort(byName) }] : [],
  );
  return {
    lang,
    t,
    today,
    rows,
    markers,
    roster: groups,
    total: groups.reduce((n, g) => n + g.items.length, 0),
    secretaries: secretaryBars(terms, lang, today, t),
  };
}
