/**
 * Synthetic states and their status events, ten events a state, on top of the real history. Each
 * log is checked with the project's own rule (checkLog) and its periods are derived with the same
 * function the data migration uses (periodRows), so the tables keep the schema's invariants.
 */
import { columnsOf, periodRows } from "../../../src/db/period-rows";
import { type PartialDate, parsePartialDate } from "../../../src/domain/dates";
import { checkLog } from "../../../src/domain/event-log";
import type { StatusEventInput } from "../../../src/domain/periods";
import type { EventKind, Status } from "../../../src/domain/statuses";
import { inserts, prng } from "./sql";

export const EVENTS_PER_STATE = 10;

type Step = [EventKind, Status];
/**
 * Members for years, so most synthetic states are members on the benchmark's `at` day; they all
 * withdraw in 2023-2025, so today's members (who must consent to the 2026 agreements) stay the
 * real ones. (With thousands of current members the consent write fails: see the report.)
 */
const MEMBER_PATH: Step[] = [
  ["status_granted", "guest"],
  ["status_granted", "dialogue_partner"],
  ["memorandum_signed", "dialogue_partner"],
  ["status_granted", "observer"],
  ["accession_launched", "observer"],
  ["obligations_memorandum_signed", "observer"],
  ["accession", "member"],
  ["memorandum_signed", "member"],
  ["memorandum_signed", "member"],
  ["withdrawal", "none"],
];
/** Leaves and comes back as a partner: periods that end, and `none` gaps, as in the real data. */
const PARTNER_PATH: Step[] = [
  ["status_granted", "guest"],
  ["status_granted", "dialogue_partner"],
  ["memorandum_signed", "dialogue_partner"],
  ["status_granted", "observer"],
  ["accession_launched", "observer"],
  ["accession", "member"],
  ["suspension", "none"],
  ["status_granted", "observer"],
  ["memorandum_signed", "observer"],
  ["conversion", "partner"],
];

/** Three-letter codes from QAA onwards (wrapping to AAA), skipping every id already in the registry. */
export function stateCodes(count: number, taken: Set<string>): string[] {
  const codes: string[] = [];
  const A = "A".charCodeAt(0);
  for (let i = 0; codes.length < count && i < 26 ** 3; i++) {
    const n = (i + 16 * 676) % 26 ** 3; // 16 * 676 = the index of "QAA"
    const code = String.fromCharCode(A + Math.floor(n / 676), A + (Math.floor(n / 26) % 26), A + (n % 26));
    if (!taken.has(code)) codes.push(code);
  }
  if (codes.length < count) throw new Error(`only ${codes.length} free three-letter codes`);
  return codes;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function syntheticEvents(eventCount: number, firstEventId: number, taken: Set<string>) {
  const random = prng(eventCount);
  const codes = stateCodes(Math.ceil(eventCount / EVENTS_PER_STATE), taken);
  const parties: Record<string, string | null>[] = [];
  const events: Record<string, string | number | null>[] = [];
  const periods: Record<string, string | number | null>[] = [];
  let id = firstEventId;
  for (const code of codes) {
    parties.push({
      id: code,
      kind: "state",
      alpha2: null,
      name_en: `Benchland ${code}`,
      name_ru: `Бенчланд ${code}`,
      name_zh: `测试国 ${code}`,
      full_name_en: null,
    });
    const path = random() < 0.6 ? MEMBER_PATH : PARTNER_PATH;
    let year = 1993 + Math.floor(random() * 10);
    const log: StatusEventInput[] = [];
    for (const [kind, status] of path.slice(0, Math.min(EVENTS_PER_STATE, eventCount - (id - firstEventId)))) {
      // Strictly later years keep every log in order (nine steps end by 2022 at the latest).
      year = kind === "withdrawal" ? 2023 + Math.floor(random() * 3) : year + 1 + Math.floor(random() * 2);
      const r = random();
      const value =
        r < 0.1
          ? `${year}`
          : r < 0.3
            ? `${year}-${pad(1 + Math.floor(random() * 12))}`
            : `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
      const date = parsePartialDate(value) as PartialDate;
      log.push({ id, status, kind, date });
      events.push({
        id,
        party_id: code,
        status,
        kind,
        date: value,
        precision: date.precision,
        window_start: date.windowStart,
        window_end: date.windowEnd,
        decision: `Synthetic decision ${id}`,
        body: "Council of Heads of State",
        place: null,
        note: null,
        sources: '[{"title":"synthetic benchmark data","publisher":"benchmark","kind":"secondary"}]',
      });
      id += 1;
    }
    const problems = checkLog("state", log);
    if (problems.length > 0) throw new Error(`synthetic log of ${code} breaks the rules: ${problems.join("; ")}`);
    periods.push(...periodRows(code, "state", log).map(columnsOf));
  }
  return {
    codes,
    statements: [
      ...inserts("parties", parties),
      ...inserts("status_events", events),
      ...inserts("status_periods", periods),
    ],
  };
}
