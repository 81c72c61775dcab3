/** The whole page: chart, legend, a table of the same periods, and today's roster. No scripts. */
import { LANGUAGES } from "../../lib/params";
import { Chart } from "./timeline.chart";
import { type EvidenceModel, EvidenceTables } from "./timeline.evidence";
import { COLOURS, LANGUAGE_NAMES, type ShownStatus } from "./timeline.i18n";
import type { TimelineModel } from "./timeline.model";

// Text is #1a1a1a and links #0b50c8 on white (both above 7:1); the bar colours are at least 3:1.
// This is the page's only style: its CSP (src/middleware/security-headers.ts) allows this element by
// its nonce and no style="" attribute, so the swatches are coloured by class.
const CSS = `
body{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1400px;padding:1rem 1.5rem}
a{color:#0b50c8}a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
nav ul{list-style:none;display:flex;gap:1rem;padding:0;flex-wrap:wrap}
main{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
.timeline{flex:1 1 700px;min-width:0}aside{flex:0 1 300px}
svg.chart{max-width:1000px;font-size:12px}svg .label{fill:#0b50c8}svg a:focus .label,svg a:hover .label{text-decoration:underline;font-weight:bold}
svg .tick{fill:#1a1a1a;font-size:11px}svg .label.sgname{fill:#1a1a1a;font-weight:bold}svg .sg-label{fill:#fff;font-size:9px;pointer-events:none}svg .label.long{font-size:10px}
svg .marker text{fill:#1a1a1a;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding:0}
.swatch{display:inline-block;width:1.6em;height:.8em;margin-right:.4em;vertical-align:middle;border:1px solid transparent}
.swatch.uncertain{opacity:.5;border:1px dashed #1a1a1a}
table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}
aside ul{margin:.2rem 0 1rem;padding-left:1.2rem}aside h3{font-size:1rem;margin:.6rem 0 0}
${Object.entries(COLOURS)
  .map(([status, colour]) => `.swatch.${status}{background:${colour}}`)
  .join("")}
`;

const Swatch = ({ status, uncertain }: { status: ShownStatus; uncertain?: boolean }) => (
  <span class={`swatch ${status}${uncertain ? " uncertain" : ""}`} aria-hidden="true" />
);

export function TimelinePage({ m, evidence, nonce }: { m: TimelineModel; evidence?: EvidenceModel; nonce: string }) {
  const { t } = m;
  const statuses = Object.keys(COLOURS) as ShownStatus[];
  return (
    <html lang={m.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.title}</title>
        <style nonce={nonce}>{CSS}</style>
      </head>
      <body>
        <header>
          <h1>{t.title}</h1>
          <p>{t.intro}</p>
          <nav aria-label={t.languages}>
            <ul>
              {LANGUAGES.map((l) => (
                <li>
                  <a href={`?lang=${l}`} lang={l} hreflang={l} aria-current={l === m.lang ? "page" : undefined}>
                    {LANGUAGE_NAMES[l]}
                  </a>
                </li>
              ))}
              <li>
                <a href="/docs">{t.api}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main>
          <section class="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t.chartTitle}</h2>
            <Chart m={m} />
            <h3>{t.legend}</h3>
            <ul class="legend">
              {statuses.map((s) => (
                <li>
                  <Swatch status={s} />
                  {t.statuses[s]}
                </li>
              ))}
              <li>
                <Swatch status="member" uncertain />
                {t.uncertain}
              </li>
            </ul>
            <ul>
              {m.markers.map((k) => (
                <li>{k.label}</li>
              ))}
            </ul>
            <details>
              <summary>{t.tableSummary}</summary>
              <table>
                <caption>{t.tableSummary}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.columns.party}</th>
                    <th scope="col">{t.columns.status}</th>
                    <th scope="col">{t.columns.from}</th>
                    <th scope="col">{t.columns.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.rows.flatMap((r) =>
                    r.periods.map((p) => (
                      <tr>
                        <th scope="row">{r.name}</th>
                        <td>{t.statuses[p.status]}</td>
                        <td>{p.fromText}</td>
                        <td>{p.toText}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </details>
            {evidence && <EvidenceTables e={evidence} lang={m.lang} ongoing={t.ongoing} />}
            <details>
              <summary>{t.secretariesTable}</summary>
              <table>
                <caption>{t.secretariesTable}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.columns2.person}</th>
                    <th scope="col">{t.columns2.state}</th>
                    <th scope="col">{t.columns.from}</th>
                    <th scope="col">{t.columns.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.secretaries.map((s) => (
                    <tr>
                      <th scope="row" lang={s.personLang === m.lang ? undefined : s.personLang}>
                        {s.person}
                      </th>
                      <td>{s.state}</td>
                      <td>{s.fromText}</td>
                      <td>{s.toText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
          <aside aria-labelledby="roster-heading">
            <h2 id="roster-heading">{t.today(m.today)}</h2>
            <p>{t.total(m.total)}</p>
            {m.roster.map((g) => (
              <section>
                <h3>
                  <Swatch status={g.status} />
                  {`${t.statuses[g.status]} (${g.items.length})`}
                </h3>
                <ul>
                  {g.items.map((i) => (
                    <li>
                      <a href={i.href}>{i.name}</a>
                      {i.uncertain ? ` (${t.uncertain})` : ""}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </aside>
        </main>
      </body>
    </html>
  );
}
