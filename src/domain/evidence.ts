/**
 * What a record rests on: structured sources, how certain the registry is, and the other reading
 * where sources disagree. Pure rules; the zod shapes are in src/data/seed.ts and src/lib/evidence-schemas.ts.
 */
import type { EventKind, Status } from "./statuses";

/** Strongest first: the order in which a record's "best" source is chosen. */
export const SOURCE_KINDS = ["official_document", "official_site", "state_news_agency", "news", "secondary"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const CERTAINTIES = ["high", "medium", "low"] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export interface Source {
  title: string;
  url?: string;
  publisher: string;
  kind: SourceKind;
  language?: string;
  published?: string;
  accessed?: string;
}

/** The other reading of a fact: another date, kind of act or status, with its own sources. */
export interface Alternative {
  date?: string;
  kind?: EventKind;
  status?: Status;
  note?: string;
  sources: Source[];
}

/** The strongest kind among a record's sources (null for none: such a record is refused). */
export function bestKind(sources: readonly Pick<Source, "kind">[]): SourceKind | null {
  let best: number | null = null;
  for (const s of sources) {
    const rank = SOURCE_KINDS.indexOf(s.kind);
    if (best === null || rank < best) best = rank;
  }
  return best === null ? null : (SOURCE_KINDS[best] ?? null);
}

/** A record resting only on the press or on secondary works: the data builder warns about it. */
export const restsOnlyOnPress = (sources: readonly Pick<Source, "kind">[]) => {
  const best = bestKind(sources);
  return best === "news" || best === "secondary";
};

/** Problems of a record's evidence: sources present, alternatives sourced, no inferred day. */
export function evidenceProblems(record: {
  certainty?: Certainty | string;
  sources: readonly Source[];
  alternatives?: readonly Alternative[];
  precision?: "year" | "month" | "day";
  dayStated?: boolean;
}): string[] {
  const problems: string[] = [];
  if (record.sources.length === 0) problems.push("every record needs at least one source");
  (record.alternatives ?? []).forEach((a, i) => {
    if (a.sources.length === 0) problems.push(`alternative ${i + 1} has no source of its own`);
    if (a.date === undefined && a.kind === undefined && a.status === undefined)
      problems.push(`alternative ${i + 1} states no other date, kind or status`);
  });
  if ((record.alternatives?.length ?? 0) > 0 && record.certainty === "high")
    problems.push("a fact with another reading cannot be of high certainty");
  if (record.precision === "day" && record.dayStated === false)
    problems.push("no source states the day: store the month and put the inference in the note");
  return problems;
}

/** Counts records by their best source kind, every kind listed, in SOURCE_KINDS order. */
export function countByBestKind(records: readonly { sources: readonly Pick<Source, "kind">[] }[]) {
  const counts = Object.fromEntries(SOURCE_KINDS.map((k) => [k, 0])) as Record<SourceKind, number>;
  for (const r of records) {
    const best = bestKind(r.sources);
    if (best) counts[best] += 1;
  }
  return counts;
}

/** The sources of `a`, then those of `b` that cite something new (same URL, or same title without one). */
export function mergeSources(a: readonly Source[], b: readonly Source[]): Source[] {
  const key = (s: Source) => s.url ?? `title:${s.title}`;
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((s) => !seen.has(key(s)) && seen.add(key(s)))];
}
