/**
 * The Secretariat's leadership, as reviewed JSON (src/data/secretariat-terms.json), validated
 * against the registry's own history before it enters: dates as the sources state them (a typo
 * such as "January 1, 219" or "15 Janury 2024" is refused with a message naming the record and the
 * field), a source on every record, a nationality that is a member state on the term's start, and
 * the Secretary-General's term rule (src/domain/secretariat.ts). A correction of a source's typo is
 * kept with the record: what the source stated, and why the data holds another value.
 */
import { z } from "zod";
import { type PartialDate, parsePartialDate, validPartialDate } from "../domain/dates";
import { boundsOf, derivePeriods, isReportedOn } from "../domain/periods";
import { POSTS, type Post, type SgTerm, termProblems } from "../domain/secretariat";
import { sources } from "./evidence-seed";
import type { ValidatedSeed } from "./seed";

const text = (max: number) => z.string().trim().min(1).max(max);
const partialDate = z.string().refine((v) => !("error" in parsePartialDate(v)), {
  error: (issue) => {
    const parsed = parsePartialDate(String(issue.input));
    return "error" in parsed ? parsed.error : "invalid date";
  },
});

export const Correction = z.strictObject({
  field: z.enum(["start", "end", "approval"]),
  stated: text(200),
  in: text(300),
  corrected: text(20),
  because: text(1000),
});

export const TermSeed = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{2,79}$/, "term ids are lowercase slugs"),
  post: z.enum(POSTS),
  title: text(100).optional(),
  person: z.string().regex(/^[a-z][a-z0-9-]{1,79}$/, "person ids are lowercase slugs"),
  name: z.strictObject({
    en: text(200),
    ru: text(200)
      .regex(/\p{Script=Cyrillic}/u, "a Russian name must be written in Cyrillic")
      .nullable(),
    zh: text(200)
      .regex(/\p{Script=Han}/u, "a Chinese name must be written in Chinese characters")
      .nullable(),
  }),
  state: z.string().regex(/^[A-Z]{3}$/, "an ISO alpha-3 code"),
  start: partialDate,
  end: partialDate.optional(),
  nominatedBy: text(200).optional(),
  nomination: partialDate.optional(),
  approvedBy: text(200).optional(),
  approval: partialDate.optional(),
  approvalPlace: text(200).optional(),
  exception: text(1000).optional(),
  note: text(1000).optional(),
  corrections: z.array(Correction).max(10).default([]),
  sources,
});

export type TermSeedT = z.infer<typeof TermSeed>;
export type ValidatedTerm = TermSeedT & {
  parsed: { start: PartialDate; end: PartialDate | null; approval: PartialDate | null };
};

const date = validPartialDate;

/** The member states on `day` by the seed's own status events, with the registry's one rule (isReportedOn). */
export function seedMembersOn(seed: Pick<ValidatedSeed, "events">, day: string): string[] {
  const byParty = new Map<string, ValidatedSeed["events"]>();
  for (const e of seed.events) byParty.set(e.party, [...(byParty.get(e.party) ?? []), e]);
  const members: string[] = [];
  for (const [party, events] of byParty) {
    const periods = derivePeriods(events.map((e) => ({ id: e.id, status: e.status, kind: e.kind, date: e.parsed })));
    if (periods.some((p) => p.status === "member" && isReportedOn(boundsOf(p), day))) members.push(party);
  }
  return members.sort();
}

export const toSgTerm = (t: ValidatedTerm): SgTerm & { post: Post } => ({
  id: t.id,
  post: t.post,
  person: t.person,
  state: t.state,
  start: t.parsed.start,
  end: t.parsed.end,
  exception: t.exception ?? null,
});

/** Validates the terms against the already validated history; returns problems, each naming the record. */
export function validateTerms(
  input: unknown,
  seed: Pick<ValidatedSeed, "parties" | "events">,
): { terms: ValidatedTerm[]; problems: string[] } {
  const problems: string[] = [];
  if (!Array.isArray(input)) return { terms: [], problems: ["secretariat-terms.json: must be an array"] };
  const terms: ValidatedTerm[] = [];
  input.forEach((row, i) => {
    const result = TermSeed.safeParse(row);
    const label = `secretariat-terms.json[${i}] (${(row as { id?: string })?.id ?? "?"})`;
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`${label} ${issue.path.join(".") || "entry"}: ${issue.message}`);
      return;
    }
    const t = result.data;
    const parsed = {
      start: date(t.start),
      end: t.end ? date(t.end) : null,
      approval: t.approval ? date(t.approval) : null,
    };
    for (const c of t.corrections) {
      if (t[c.field] !== c.corrected)
        problems.push(`${label} corrections: ${c.field} is "${t[c.field] ?? ""}", not the corrected "${c.corrected}"`);
    }
    terms.push({ ...t, parsed });
  });
  const ids = new Set<string>();
  const states = new Set(seed.parties.filter((p) => p.kind === "state").map((p) => p.id));
  const sg = terms.filter((t) => t.post === "secretary_general").map(toSgTerm);
  for (const t of terms) {
    const label = `secretariat-terms.json (${t.id})`;
    if (ids.has(t.id)) problems.push(`${label}: the id appears twice`);
    ids.add(t.id);
    if (!states.has(t.state)) {
      problems.push(`${label}: unknown state "${t.state}"`);
      continue;
    }
    const members = seedMembersOn(seed, t.parsed.start.windowStart);
    for (const p of termProblems(toSgTerm(t), t.post === "secretary_general" ? sg : [], members))
      problems.push(`${label}: ${p}`);
  }
  return { terms, problems };
}

const q = (v: string | number | null | undefined) =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
const insert = (table: string, row: Record<string, string | number | null | undefined>) =>
  `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`;

/** The row of secretariat_terms a validated term is (also used by the write path's tests). */
export function termColumns(t: ValidatedTerm) {
  const { start, end, approval } = t.parsed;
  return {
    id: t.id,
    post: t.post,
    title: t.title ?? null,
    person_id: t.person,
    name_en: t.name.en,
    name_ru: t.name.ru,
    name_zh: t.name.zh,
    state_id: t.state,
    start_date: start.value,
    start_precision: start.precision,
    start_window_start: start.windowStart,
    start_window_end: start.windowEnd,
    end_date: end?.value ?? null,
    end_precision: end?.precision ?? null,
    end_window_start: end?.windowStart ?? null,
    end_window_end: end?.windowEnd ?? null,
    nominated_by: t.nominatedBy ?? null,
    nomination_date: t.nomination ?? null,
    approved_by: t.approvedBy ?? null,
    approval_date: approval?.value ?? null,
    approval_precision: approval?.precision ?? null,
    approval_window_end: approval?.windowEnd ?? null,
    approval_place: t.approvalPlace ?? null,
    exception: t.exception ?? null,
    note: t.note ?? null,
    corrections: JSON.stringify(t.corrections),
    sources: JSON.stringify(t.sources),
  };
}

/** The SQL of the leadership data migration: the terms and their entries in the change feed. */
export function secretariatSql(terms: readonly ValidatedTerm[]): string {
  const out = [
    "-- Generated by `npm run data:build` from src/data/secretariat-terms.json. Do not edit by hand.",
    "-- The Secretariat's leadership, term by term; every row carries its sources.",
  ];
  for (const t of terms) {
    out.push(insert("secretariat_terms", termColumns(t)));
    out.push(
      insert("changes", {
        entity_type: "secretariat_term",
        entity_id: t.id,
        action: "created",
        data: JSON.stringify({ ...t, parsed: undefined }),
      }),
    );
  }
  return `${out.join("\n")}\n`;
}
