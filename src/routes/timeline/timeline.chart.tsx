/** The SVG chart: one row per party, a bar per status period, a year axis and the event markers. */
import { COLOURS } from "./timeline.i18n";
import type { SecretaryBar, TimelineModel, TimelinePeriod } from "./timeline.model";

const START = "2001-01-01";
const WIDTH = 1000;
const LABEL_W = 196;
const X0 = 204;
const PLOT_W = WIDTH - X0 - 16;
const ROW_H = 18;
const BAR_H = 12;
const LINE_H = 14;
/** names longer than this are set smaller so they fit the label column (e.g. Russian "UAE") */
const LONG_NAME = 24;

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

function scale(today: string) {
  const from = ms(START);
  const span = ms(today) - from;
  return (day: string) => X0 + Math.max(0, Math.min(1, (ms(day) - from) / span)) * PLOT_W;
}

function Bar(props: { p: TimelinePeriod; x: (day: string) => number; y: number }) {
  const { p, x, y } = props;
  const colour = COLOURS[p.status];
  const seg = (a: number, b: number, faint: boolean) => (
    <rect
      class={faint ? "uncertain" : "period"}
      x={a.toFixed(1)}
      y={y}
      width={Math.max(2, b - a).toFixed(1)}
      height={BAR_H}
      fill={colour}
      fill-opacity={faint ? "0.35" : undefined}
      stroke={faint ? colour : undefined}
      stroke-dasharray={faint ? "3 2" : undefined}
    >
      <title>{p.title}</title>
    </rect>
  );
  return (
    <g>
      {p.fromStart < p.fromEnd ? seg(x(p.fromStart), x(p.fromEnd), true) : null}
      {p.fromEnd < p.to ? seg(x(p.fromEnd), x(p.to), false) : null}
      {p.endUncertainTo ? seg(x(p.to), x(p.endUncertainTo), true) : null}
    </g>
  );
}

/** Consecutive terms alternate two dark fills (white text on both is above 4.5:1), so each term reads apart. */
const SG_FILLS = ["#3d3d3d", "#6b6b6b"];

/** One Secretary-General's term: the bar, its faint imprecise edges, and the state's name inside it. */
function SecretaryTerm(props: { s: SecretaryBar; i: number; x: (day: string) => number; y: number }) {
  const { s, i, x, y } = props;
  const fill = SG_FILLS[i % 2]!;
  const seg = (a: number, b: number, faint: boolean) => (
    <rect
      class={faint ? "uncertain sg" : "sg"}
      x={a.toFixed(1)}
      y={y}
      width={Math.max(2, b - a).toFixed(1)}
      height={BAR_H}
      fill={fill}
      fill-opacity={faint ? "0.35" : undefined}
    >
      <title>{s.title}</title>
    </rect>
  );
  return (
    <g>
      {s.fromStart < s.fromEnd ? seg(x(s.fromStart), x(s.fromEnd), true) : null}
      {s.fromEnd < s.to ? seg(x(s.fromEnd), x(s.to), false) : null}
      {s.endUncertainTo ? seg(x(s.to), x(s.endUncertainTo), true) : null}
      <text x={(x(s.fromEnd) + 3).toFixed(1)} y={y + BAR_H - 3} class="sg-label">
        {s.state}
      </text>
    </g>
  );
}

export function Chart({ m }: { m: TimelineModel }) {
  const x = scale(m.today);
  const sgTop = m.markers.length * LINE_H + 10;
  // The Secretaries-General's row comes first, a little apart from the parties' rows.
  const top = sgTop + (m.secretaries.length > 0 ? ROW_H + 6 : 0);
  const bottom = top + m.rows.length * ROW_H;
  const height = bottom + 28;
  const firstYear = Number(START.slice(0, 4));
  const years = Array.from({ length: Number(m.today.slice(0, 4)) - firstYear + 1 }, (_, i) => firstYear + i);
  const every = PLOT_W / years.length < 34 ? 2 : 1;
  // No role="img": an image's content is presentational, yet the party names in it are links that
  // take the keyboard focus (axe's nested-interactive). As an svg document with a name, assistive
  // technology reads the title, the description, each party link and each bar's <title>.
  return (
    <svg
      aria-labelledby="chart-title"
      aria-describedby="chart-desc"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      class="chart"
    >
      <title id="chart-title">{m.t.chartTitle}</title>
      <desc id="chart-desc">{`${m.t.chartDesc} ${m.markers.map((k) => k.label).join("; ")}.`}</desc>
      {m.rows.map((_, i) =>
        i % 2 === 0 ? <rect x="0" y={top + i * ROW_H} width={WIDTH} height={ROW_H} fill="#f3f3f3" /> : null,
      )}
      {years.map((yr) => (
        <g>
          <line
            x1={x(`${yr}-01-01`).toFixed(1)}
            x2={x(`${yr}-01-01`).toFixed(1)}
            y1={top}
            y2={bottom + 4}
            stroke="#c8c8c8"
          />
          {(yr - firstYear) % every === 0 ? (
            <text x={x(`${yr}-01-01`).toFixed(1)} y={bottom + 18} text-anchor="middle" class="tick">
              {String(yr)}
            </text>
          ) : null}
        </g>
      ))}
      {m.secretaries.length > 0 ? (
        <g>
          <text x={LABEL_W} y={sgTop + 13} text-anchor="end" class="label sgname">
            {m.t.secretariesGeneral}
          </text>
          {m.secretaries.map((s, i) => (
            <SecretaryTerm s={s} i={i} x={x} y={sgTop + (ROW_H - BAR_H) / 2} />
          ))}
        </g>
      ) : null}
      {m.rows.map((row, i) => (
        <g>
          <a href={row.href}>
            <text
              x={LABEL_W}
              y={top + i * ROW_H + 13}
              text-anchor="end"
              class={row.name.length > LONG_NAME ? "label long" : "label"}
            >
              {row.name}
            </text>
          </a>
          {row.periods.map((p) => (
            <Bar p={p} x={x} y={top + i * ROW_H + (ROW_H - BAR_H) / 2} />
          ))}
        </g>
      ))}
      {m.markers.map((k, i) => {
        const at = x(k.day);
        const right = at > X0 + PLOT_W / 2;
        return (
          <g class="marker">
            <line
              x1={at.toFixed(1)}
              x2={at.toFixed(1)}
              y1={(i + 1) * LINE_H - 10}
              y2={bottom}
              stroke="#1a1a1a"
              stroke-dasharray="4 3"
            />
            <text x={(right ? at - 4 : at + 4).toFixed(1)} y={(i + 1) * LINE_H} text-anchor={right ? "end" : "start"}>
              {k.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
