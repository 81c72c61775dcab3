/**
 * The page's account of what is contested and who attended as a guest: two tables of plain text
 * (no script runs here), next to the status periods. Contested spans come from parties.contested
 * (src/domain/contested.ts), attendances from the attendances table.
 */
import type { AttendanceRow } from "../../db/evidence";
import type { PartyRow } from "../../db/parties";
import type { ContestedSpan } from "../../domain/contested";
import type { Language } from "../../lib/params";
import { contestedSpansOf, nameOf } from "../../lib/party-mappers";
import { type ShownStatus, TEXT } from "./timeline.i18n";

const WORDS: Record<
  Language,
  {
    contested: string;
    reading: string;
    other: string;
    attendances: string;
    meeting: string;
    date: string;
    none: string;
  }
> = {
  en: {
    contested: "Contested spans: where sources disagree on the status held",
    reading: "Registry's reading",
    other: "Other reading (its date)",
    attendances: "Guest attendance at meetings",
    meeting: "Meeting",
    date: "Date",
    none: "no status",
  },
  ru: {
    contested: "Спорные периоды: источники расходятся в том, какой статус был",
    reading: "Прочтение реестра",
    other: "Другое прочтение (его дата)",
    attendances: "Участие в заседаниях в качестве гостя",
    meeting: "Заседание",
    date: "Дата",
    none: "без статуса",
  },
  zh: {
    contested: "有争议的时期：各来源对所具地位说法不一",
    reading: "登记册的解读",
    other: "另一种解读（其日期）",
    attendances: "以嘉宾身份出席会议",
    meeting: "会议",
    date: "日期",
    none: "无地位",
  },
};

export interface EvidenceModel {
  contested: { name: string; href: string; span: ContestedSpan }[];
  attendances: { name: string; meeting: string; date: string; place: string | null }[];
}

const hrefOf = (p: PartyRow) => (p.kind === "state" ? `/v1/states/${p.id}` : `/v1/organisations/${p.id}`);

export function evidenceModel(
  parties: PartyRow[],
  attendances: { attendance: AttendanceRow; party: PartyRow }[],
  lang: Language,
): EvidenceModel {
  return {
    contested: parties
      .flatMap((p) => contestedSpansOf(p).map((span) => ({ name: nameOf(p, lang), href: hrefOf(p), span })))
      .sort((a, b) => a.span.from.localeCompare(b.span.from) || a.name.localeCompare(b.name, lang)),
    attendances: attendances.map(({ attendance: a, party }) => ({
      name: nameOf(party, lang),
      meeting: a.meetingEn,
      date: a.date,
      place: a.place,
    })),
  };
}

export function EvidenceTables({ e, lang, ongoing }: { e: EvidenceModel; lang: Language; ongoing: string }) {
  const w = WORDS[lang];
  const t = TEXT[lang];
  const status = (s: string) => (s === "none" ? w.none : t.statuses[s as ShownStatus]);
  return (
    <>
      <details open>
        <summary>{w.contested}</summary>
        <table>
          <caption>{w.contested}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.party}</th>
              <th scope="col">{t.columns.from}</th>
              <th scope="col">{t.columns.to}</th>
              <th scope="col">{w.reading}</th>
              <th scope="col">{w.other}</th>
            </tr>
          </thead>
          <tbody>
            {e.contested.map(({ name, href, span }) => (
              <tr class="contested">
                <th scope="row">
                  <a href={`${href}/history`}>{name}</a>
                </th>
                <td>{span.from}</td>
                <td>{span.to ?? ongoing}</td>
                <td>{status(span.status)}</td>
                <td>{`${status(span.alternative.status)} (${span.alternative.reading.date})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details open>
        <summary>{w.attendances}</summary>
        <table>
          <caption>{w.attendances}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.party}</th>
              <th scope="col">{w.meeting}</th>
              <th scope="col">{w.date}</th>
            </tr>
          </thead>
          <tbody>
            {e.attendances.map((a) => (
              <tr class="attendance">
                <th scope="row">{a.name}</th>
                <td lang={lang === "en" ? undefined : "en"}>{a.meeting}</td>
                <td>{a.date}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
