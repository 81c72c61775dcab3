/**
 * The evidence of the real history (issue 10): structured sources, certainty, other readings,
 * guest attendances, the SCO's own status in other organisations and former names, validated as
 * src/data/seed.ts validates the rest. `evidenceSql` loads what the tables of migration 0013 hold
 * (they do not exist yet when 0001 runs); `evidenceReport` is what `npm run data:build` prints.
 */
import { z } from "zod";
import { contestedSpans } from "../domain/contested";
import { parsePartialDate, validPartialDate } from "../domain/dates";
import {
  type Alternative,
  CERTAINTIES,
  countByBestKind,
  evidenceProblems,
  restsOnlyOnPress,
  SOURCE_KINDS,
  type Source,
} from "../domain/evidence";
import { EVENT_KINDS, STATUSES } from "../domain/statuses";
import { SourceObjectInput } from "../lib/evidence-schemas";

const text = (max: number) => z.string().trim().min(1).max(max);
export const partialDate = z.string().refine((v) => !("error" in parsePartialDate(v)), {
  error: (issue) => {
    const parsed = parsePartialDate(String(issue.input));
    return "error" in parsed ? parsed.error : "invalid date";
  },
});

/** The same shape, and the same checks, as a source sent to the API. */
export const SourceSeed = SourceObjectInput;
export const sources = z.array(SourceSeed).min(1, "every record needs at least one source").max(20);
export const certainty = z.enum(CERTAINTIES, "certainty is high, medium or low");

export const AlternativeSeed = z.strictObject({
  date: partialDate.optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  status: z.enum(STATUSES).optional(),
  note: text(1000).optional(),
  sources: z.array(SourceSeed).min(1, "an alternative reading needs sources of its own").max(20),
});
export const alternatives = z.array(AlternativeSeed).max(5).optional();

/** Fields every dated, sourced record carries. `dayStated: false`: no source states the day. */
export const evidenceFields = { certainty, dayStated: z.boolean().optional(), sources };

export const FormerNameSeed = z.strictObject({
  name: z.strictObject({ en: text(200), ru: text(200).optional(), zh: text(200).optional() }),
  until: partialDate,
  sources,
});

export const AttendanceSeed = z.strictObject({
  party: z.string(),
  meeting: z.strictObject({ en: text(300) }),
  date: partialDate,
  place: text(200).optional(),
  note: text(1000).optional(),
  alternatives,
  ...evidenceFields,
});

export const ScoStatusSeed = z.strictObject({
  counterparty: z.strictObject({ partyId: z.string().optional(), name: z.strictObject({ en: text(300) }) }),
  status: z.enum(["observer", "partner", "member", "other"]),
  date: partialDate,
  note: text(1000).optional(),
  alternatives,
  ...evidenceFields,
});

export type AttendanceSeedT = z.infer<typeof AttendanceSeed>;
export type ScoStatusSeedT = z.infer<typeof ScoStatusSeed>;

/** One record for the evidence rules: where it is, its date and what it rests on. */
export interface EvidenceRecord {
  label: string;
  date?: string;
  certainty: string;
  dayStated?: boolean;
  sources: Source[];
  alternatives?: Alternative[];
}

/** The evidence rules over every record (src/domain/evidence.ts), as messages naming the record. */
export function checkEvidence(records: readonly EvidenceRecord[]): string[] {
  return records.flatMap((r) => {
    const precision = r.date ? validPartialDate(r.date).precision : undefined;
    return evidenceProblems({ ...r, precision }).map((p) => `${r.label}: ${p}`);
  });
}

/** What `npm run data:build` prints: the press-only records, then the count per best kind. Stable order. */
export function evidenceReport(records: readonly EvidenceRecord[]): string[] {
  const lines = records
    .filter((r) => restsOnlyOnPress(r.sources))
    .map((r) => `warning: ${r.label} rests only on news or secondary sources`);
  const counts = countByBestKind(records);
  lines.push(`records by their best source (${records.length} records):`);
  for (const kind of SOURCE_KINDS) lines.push(`  ${kind}: ${counts[kind]}`);
  return lines;
}

const q = (v: string | number | null | undefined) =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
const insert = (table: string, row: Record<string, string | number | null | undefined>) =>
  `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`;
const update = (table: string, set: Record<string, string | null>, key: string, id: string | number) =>
  `UPDATE ${table} SET ${Object.entries(set)
    .map(([k, v]) => `${k} = ${q(v)}`)
    .join(", ")} WHERE ${key} = ${q(id)};`;
const json = (v: unknown) => JSON.stringify(v);

export interface EvidenceInput {
  parties: { id: string; commonName?: string; formerNames?: unknown[] }[];
  events: {
    id: number;
    party: string;
    status: (typeof STATUSES)[number];
    kind: (typeof EVENT_KINDS)[number];
    date: string;
    certainty: string;
    alternatives?: z.infer<typeof AlternativeSeed>[];
    basis?: { agreementId: string };
  }[];
  agreements: { id: string; certainty: string; alternatives?: unknown[]; note?: string }[];
  attendances: AttendanceSeedT[];
  scoStatuses: ScoStatusSeedT[];
}

/** The contested spans of each party's log, by the rule in src/domain/contested.ts. */
export function contestedByParty(events: EvidenceInput["events"]) {
  const byParty = new Map<string, Parameters<typeof contestedSpans>[0][number][]>();
  for (const e of events) {
    const log = byParty.get(e.party) ?? [];
    log.push({
      id: e.id,
      status: e.status,
      kind: e.kind,
      date: validPartialDate(e.date),
      alternatives: e.alternatives?.map((a) => ({ ...a, date: a.date ? validPartialDate(a.date) : undefined })),
    });
    byParty.set(e.party, log);
  }
  return new Map([...byParty].map(([party, log]) => [party, contestedSpans(log)]));
}

/** The SQL of the evidence migration: runs after 0013 adds the columns and tables it fills. */
export function evidenceSql(seed: EvidenceInput): string {
  const out = [
    "-- Generated by `npm run data:build` from src/data/*.json. Do not edit by hand.",
    "-- The evidence of the real history: certainty, other readings, attendances, the SCO's own statuses.",
  ];
  const contested = contestedByParty(seed.events);
  for (const p of seed.parties) {
    const spans = contested.get(p.id) ?? [];
    if (!p.commonName && !p.formerNames?.length && spans.length === 0) continue;
    out.push(
      update(
        "parties",
        { common_name_en: p.commonName ?? null, former_names: json(p.formerNames ?? []), contested: json(spans) },
        "id",
        p.id,
      ),
    );
  }
  for (const e of seed.events)
    out.push(
      update(
        "status_events",
        {
          certainty: e.certainty,
          alternatives: json(e.alternatives ?? []),
          basis_agreement_id: e.basis?.agreementId ?? null,
        },
        "id",
        e.id,
      ),
    );
  for (const a of seed.agreements)
    out.push(
      update(
        "agreements",
        { certainty: a.certainty, alternatives: json(a.alternatives ?? []), note: a.note ?? null },
        "id",
        a.id,
      ),
    );
  // Attendances and the SCO's own statuses are new records: each also enters the change feed, so a
  // client that syncs by the feed learns of them like of any other record.
  for (const [i, a] of seed.attendances.entries()) {
    const d = validPartialDate(a.date);
    out.push(
      insert("attendances", {
        id: i + 1,
        party_id: a.party,
        meeting_en: a.meeting.en,
        date: a.date,
        precision: d.precision,
        window_start: d.windowStart,
        window_end: d.windowEnd,
        place: a.place ?? null,
        certainty: a.certainty,
        note: a.note ?? null,
        sources: json(a.sources),
        alternatives: json(a.alternatives ?? []),
      }),
      insert("changes", { entity_type: "attendance", entity_id: String(i + 1), action: "created", data: json(a) }),
    );
  }
  for (const [i, s] of seed.scoStatuses.entries()) {
    const d = validPartialDate(s.date);
    out.push(
      insert("sco_statuses", {
        id: i + 1,
        counterparty_id: s.counterparty.partyId ?? null,
        counterparty_name_en: s.counterparty.name.en,
        status: s.status,
        date: s.date,
        precision: d.precision,
        window_start: d.windowStart,
        window_end: d.windowEnd,
        certainty: s.certainty,
        note: s.note ?? null,
        sources: json(s.sources),
        alternatives: json(s.alternatives ?? []),
      }),
      insert("changes", { entity_type: "sco_status", entity_id: String(i + 1), action: "created", data: json(s) }),
    );
  }
  return `${out.join("\n")}\n`;
}
