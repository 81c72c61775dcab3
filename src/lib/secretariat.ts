/** Rows of the Secretariat's posts to the domain's inputs and to wire shapes; the only place that knows both. */

import type { MemberPeriodRow, TermRow, TermWithState } from "../db/secretariat";
import type { Source } from "../domain/evidence";
import { isReportedOn } from "../domain/periods";
import {
  checkRotation,
  holdingOn,
  type MemberName,
  type Post,
  type RotationCheck,
  type TermDates,
} from "../domain/secretariat";
import type { Language } from "./params";
import { nameOf, toPartialDate, wireDate } from "./party-mappers";

export const termDates = (t: TermRow): TermDates => ({
  start: toPartialDate(t.startDate, t.startPrecision, t.startWindowStart, t.startWindowEnd),
  end:
    t.endDate && t.endPrecision && t.endWindowStart && t.endWindowEnd
      ? toPartialDate(t.endDate, t.endPrecision, t.endWindowStart, t.endWindowEnd)
      : null,
});

/** The member states on `day`, by the registry's one rule (isReportedOn), with their Russian names. */
export function membersOn(periods: readonly MemberPeriodRow[], day: string): MemberName[] {
  const ids = new Map<string, string>();
  for (const p of periods) if (isReportedOn(p, day)) ids.set(p.id, p.nameRu);
  return [...ids].map(([id, nameRu]) => ({ id, nameRu }));
}

/** The day whose member states the rotation is compared against: the approving decision's, else the term's start. */
export const appointmentDay = (t: TermRow) => t.approvalWindowEnd ?? t.startWindowStart;

/** The rotation check of every Secretary-General's term (src/domain/secretariat.ts, checkRotation), by term id. */
export function rotationOf(rows: readonly TermRow[], periods: readonly MemberPeriodRow[]): Map<string, RotationCheck> {
  const sg = rows
    .filter((t) => t.post === "secretary_general")
    .sort((a, b) => (a.startWindowStart < b.startWindowStart ? -1 : a.startWindowStart > b.startWindowStart ? 1 : 0));
  const russianName = new Map(periods.map((p) => [p.id, p.nameRu]));
  const checks = checkRotation(
    sg.map((t) => ({
      termId: t.id,
      state: t.stateId,
      on: appointmentDay(t),
      members: membersOn(periods, appointmentDay(t)),
    })),
    (state) => russianName.get(state),
  );
  return new Map(checks.map((c) => [c.termId, c]));
}

const personName = (t: TermRow, lang: Language) => (lang === "ru" ? t.nameRu : lang === "zh" ? t.nameZh : t.nameEn);

/** A term as served: names in the asked language (null where no source gives one), dates with their precision, sources. */
export function toWireTerm({ term: t, state }: TermWithState, lang: Language) {
  const { start, end } = termDates(t);
  return {
    id: t.id,
    post: t.post as Post,
    title: t.title,
    person: { id: t.personId, name: personName(t, lang), names: { en: t.nameEn, ru: t.nameRu, zh: t.nameZh } },
    state: { code: t.stateId, name: nameOf(state, lang) },
    start: wireDate(start)!,
    end: wireDate(end),
    nominatedBy: t.nominatedBy,
    nominationDate: t.nominationDate,
    approvedBy: t.approvedBy,
    approval:
      t.approvalDate && t.approvalPrecision
        ? { date: t.approvalDate, precision: t.approvalPrecision as "year" | "month" | "day" }
        : null,
    approvalPlace: t.approvalPlace,
    exception: t.exception,
    note: t.note,
    corrections: JSON.parse(t.corrections) as {
      field: string;
      stated: string;
      in: string;
      corrected: string;
      because: string;
    }[],
    sources: JSON.parse(t.sources) as Source[],
    version: t.version,
  };
}

/** The terms that hold (or may hold) their post on `day`, each with `uncertain` where it only may. */
export function holdersOn(rows: readonly TermWithState[], post: Post, day: string) {
  return rows.flatMap((r) => {
    if (r.term.post !== post) return [];
    const holding = holdingOn(termDates(r.term), day);
    return holding === "no" ? [] : [{ row: r, uncertain: holding === "possibly" }];
  });
}
