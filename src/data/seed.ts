/**
 * The real history, as reviewed JSON files, validated before it enters the registry. A typo such
 * as "ACEAN" or a date such as "219" is refused with a message naming the file, the entry and the
 * field; nothing without a source goes in. `seedSql` turns validated data into the SQL of the
 * data migration (see src/scripts/build-seed-migration.ts), so `wrangler d1 migrations apply`
 * loads it exactly once.
 */
import { z } from "zod";
import { columnsOf, periodRows } from "../db/period-rows";
import { type PartialDate, parsePartialDate, validPartialDate } from "../domain/dates";
import { checkLog } from "../domain/event-log";
import type { StatusEventInput } from "../domain/periods";
import { EVENT_KINDS, type PartyKind, STATUSES } from "../domain/statuses";
import {
  AttendanceSeed,
  type AttendanceSeedT,
  alternatives,
  checkEvidence,
  type EvidenceRecord,
  evidenceFields,
  FormerNameSeed,
  ScoStatusSeed,
  type ScoStatusSeedT,
  SourceSeed,
} from "./evidence-seed";

const text = (max: number) => z.string().trim().min(1).max(max);
const cyrillic = text(200).regex(/\p{Script=Cyrillic}/u, "a Russian name must be written in Cyrillic");
const chinese = text(200).regex(/\p{Script=Han}/u, "a Chinese name must be written in Chinese characters");
const partialDate = z.string().refine((v) => !("error" in parsePartialDate(v)), {
  error: (issue) => {
    const parsed = parsePartialDate(String(issue.input));
    return "error" in parsed ? parsed.error : "invalid date";
  },
});

export const PartySeed = z
  .strictObject({
    id: z.string(),
    kind: z.enum(["state", "organisation"]),
    alpha2: z
      .string()
      .regex(/^[A-Z]{2}$/, "alpha-2 codes are two capital letters")
      .optional(),
    name: z.strictObject({ en: text(200), ru: cyrillic, zh: chinese }),
    fullName: text(300).optional(),
    /** the common English name where name.en (the UN short name) differs */
    commonName: text(200).optional(),
    formerNames: z.array(FormerNameSeed).max(5).optional(),
    /** organisations: ids that link out, each with its source, or null until one is sourced (never from memory) */
    identifiers: z
      .strictObject({
        wikidata: z
          .strictObject({ id: z.string().regex(/^Q[1-9]\d*$/, "a Wikidata item id"), source: SourceSeed })
          .nullable(),
        website: z.strictObject({ url: z.url({ protocol: /^https?$/ }), source: SourceSeed }).nullable(),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const pattern = p.kind === "state" ? /^[A-Z]{3}$/ : /^[a-z][a-z0-9-]{1,39}$/;
    if (!pattern.test(p.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["id"],
        message: p.kind === "state" ? `"${p.id}" is not an ISO alpha-3 code` : `"${p.id}" is not a lowercase slug`,
      });
    }
    if (p.kind === "state" && p.identifiers)
      ctx.addIssue({
        code: "custom",
        path: ["identifiers"],
        message: "a state's identifiers come from @rapideditor/country-coder at data-build time, not from this file",
      });
    if (p.kind === "state" && !p.alpha2)
      ctx.addIssue({ code: "custom", path: ["alpha2"], message: "a state needs its alpha-2 code" });
  });

export const EventSeed = z.strictObject({
  party: z.string(),
  status: z.enum(STATUSES),
  kind: z.enum(EVENT_KINDS),
  date: partialDate,
  decision: text(500).optional(),
  body: text(200).optional(),
  place: text(200).optional(),
  basis: z.strictObject({ agreementId: z.string() }).optional(),
  note: text(1000).optional(),
  alternatives,
  ...evidenceFields,
});

export const AgreementSeed = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,79}$/, "agreement ids are lowercase slugs"),
  kind: z.enum(["memorandum_of_understanding", "joint_declaration", "agreement", "protocol", "other"]),
  title: z.strictObject({ en: text(500), ru: cyrillic.optional(), zh: chinese.optional() }),
  counterparties: z.array(z.string()).min(1),
  lifecycle: z.enum(["concluded", "in_force", "terminated", "expired"]),
  proposed: partialDate.optional(),
  signed: partialDate.optional(),
  inForce: partialDate.optional(),
  ended: partialDate.optional(),
  place: text(200).optional(),
  signatories: z
    .array(z.strictObject({ name: text(200), title: text(200).optional(), onBehalfOf: text(80) }))
    .max(20)
    .default([]),
  authorisingDecision: text(500).optional(),
  note: text(1000).optional(),
  alternatives: z
    .array(
      z.strictObject({
        date: partialDate,
        note: text(1000).optional(),
        sources: z.array(SourceSeed).min(1, "an alternative reading needs sources of its own").max(20),
      }),
    )
    .max(5)
    .optional(),
  ...evidenceFields,
});

export type PartySeedT = z.infer<typeof PartySeed>;
export type EventSeedT = z.infer<typeof EventSeed>;
export type AgreementSeedT = z.infer<typeof AgreementSeed>;

export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The registry data has ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
  }
}

const date = validPartialDate;

function parseAll<T extends z.ZodType>(file: string, schema: T, rows: unknown, problems: string[]): z.infer<T>[] {
  if (!Array.isArray(rows)) {
    problems.push(`${file}: must be an array`);
    return [];
  }
  return rows.flatMap((row, i) => {
    const result = schema.safeParse(row);
    if (result.success) return [result.data];
    const label = (row as { id?: string; party?: string })?.id ?? (row as { party?: string })?.party ?? "?";
    for (const issue of result.error.issues)
      problems.push(`${file}[${i}] (${label}) ${issue.path.join(".") || "entry"}: ${issue.message}`);
    return [];
  });
}

export interface ValidatedSeed {
  parties: PartySeedT[];
  events: (EventSeedT & { id: number; parsed: PartialDate })[];
  agreements: AgreementSeedT[];
  attendances: AttendanceSeedT[];
  scoStatuses: ScoStatusSeedT[];
  /** every dated, sourced record, for the evidence rules and the data builder's report */
  records: EvidenceRecord[];
}

/** Validates the three files together; throws a SeedError listing every problem found. */
export function validateSeed(input: {
  parties: unknown;
  events: unknown;
  agreements: unknown;
  attendances?: unknown;
  scoStatuses?: unknown;
}): ValidatedSeed {
  const problems: string[] = [];
  const partyList = parseAll("parties.json", PartySeed, input.parties, problems);
  const eventList = parseAll("status-events.json", EventSeed, input.events, problems);
  const agreements = parseAll("agreements.json", AgreementSeed, input.agreements, problems);
  const attendances = parseAll("attendances.json", AttendanceSeed, input.attendances ?? [], problems);
  const scoStatuses = parseAll("sco-statuses.json", ScoStatusSeed, input.scoStatuses ?? [], problems);
  const byId = new Map<string, PartySeedT>();
  const alpha2s = new Set<string>();
  for (const p of partyList) {
    if (byId.has(p.id)) problems.push(`parties.json: "${p.id}" appears twice`);
    if (p.alpha2 && alpha2s.has(p.alpha2)) problems.push(`parties.json: alpha-2 "${p.alpha2}" appears twice`);
    byId.set(p.id, p);
    if (p.alpha2) alpha2s.add(p.alpha2);
  }
  const events = eventList.map((e, i) => ({ ...e, id: i + 1, parsed: date(e.date) }));
  const perParty = new Map<string, StatusEventInput[]>();
  for (const e of events) {
    if (!byId.has(e.party)) problems.push(`status-events.json[${e.id - 1}]: unknown party "${e.party}"`);
    const log = perParty.get(e.party) ?? [];
    log.push({ id: e.id, status: e.status, kind: e.kind, date: e.parsed });
    perParty.set(e.party, log);
  }
  for (const [party, log] of perParty) {
    const kind = byId.get(party)?.kind;
    if (kind) for (const p of checkLog(kind as PartyKind, log)) problems.push(`status-events.json, ${party}: ${p}`);
  }
  const agreementIds = new Set<string>();
  for (const a of agreements) {
    if (agreementIds.has(a.id)) problems.push(`agreements.json: "${a.id}" appears twice`);
    agreementIds.add(a.id);
    for (const cp of a.counterparties)
      if (!byId.has(cp)) problems.push(`agreements.json (${a.id}): unknown counterparty "${cp}"`);
    if (a.lifecycle !== "concluded" && !a.signed && a.lifecycle !== "expired")
      problems.push(`agreements.json (${a.id}): a ${a.lifecycle} agreement needs its signed date`);
  }
  for (const e of events)
    if (e.basis && !agreementIds.has(e.basis.agreementId))
      problems.push(
        `status-events.json[${e.id - 1}] (${e.party}): basis names unknown agreement "${e.basis.agreementId}"`,
      );
  for (const a of attendances) if (!byId.has(a.party)) problems.push(`attendances.json: unknown party "${a.party}"`);
  for (const s of scoStatuses)
    if (s.counterparty.partyId && byId.get(s.counterparty.partyId)?.kind !== "organisation")
      problems.push(`sco-statuses.json: "${s.counterparty.partyId}" is not an organisation of the registry`);
  const records: EvidenceRecord[] = [
    ...partyList.flatMap((p) =>
      (p.formerNames ?? []).map((n) => ({
        label: `parties.json (${p.id}) former name "${n.name.en}"`,
        certainty: "high",
        sources: n.sources,
      })),
    ),
    ...events.map((e) => ({ ...e, label: `status-events.json[${e.id - 1}] (${e.party} ${e.date} ${e.kind})` })),
    ...agreements.map((a) => ({ ...a, label: `agreements.json (${a.id})`, date: a.signed })),
    ...attendances.map((a, i) => ({ ...a, label: `attendances.json[${i}] (${a.party} ${a.date})` })),
    ...scoStatuses.map((s, i) => ({ ...s, label: `sco-statuses.json[${i}] (${s.counterparty.name.en})` })),
  ];
  problems.push(...checkEvidence(records));
  if (problems.length > 0) throw new SeedError(problems);
  return { parties: partyList, events, agreements, attendances, scoStatuses, records };
}

const q = (v: string | number | null | undefined) =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;
const insert = (table: string, row: Record<string, string | number | null | undefined>) =>
  `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.values(row).map(q).join(", ")});`;
const json = (v: unknown) => JSON.stringify(v);

/** The SQL that loads validated data, with its derived periods and its entries in the change feed. */
export function seedSql(seed: ValidatedSeed): string {
  const out: string[] = [
    "-- Generated by `npm run data:build` from src/data/*.json. Do not edit by hand.",
    "-- The real history of the SCO's relations; every row carries its sources.",
  ];
  const kindOf = new Map(seed.parties.map((p) => [p.id, p.kind]));
  for (const p of seed.parties) {
    out.push(
      insert("parties", {
        id: p.id,
        kind: p.kind,
        alpha2: p.alpha2 ?? null,
        name_en: p.name.en,
        name_ru: p.name.ru,
        name_zh: p.name.zh,
        full_name_en: p.fullName ?? null,
      }),
    );
    // Identifiers are stored by their own data migration, with their own change (src/data/identifiers.ts).
    const { identifiers: _, ...created } = p;
    out.push(insert("changes", { entity_type: p.kind, entity_id: p.id, action: "created", data: json(created) }));
  }
  for (const e of seed.events) {
    const row = {
      id: e.id,
      party_id: e.party,
      status: e.status,
      kind: e.kind,
      date: e.date,
      precision: e.parsed.precision,
      window_start: e.parsed.windowStart,
      window_end: e.parsed.windowEnd,
      decision: e.decision ?? null,
      body: e.body ?? null,
      place: e.place ?? null,
      note: e.note ?? null,
      sources: json(e.sources),
    };
    out.push(insert("status_events", row));
    out.push(
      insert("changes", {
        entity_type: "status_event",
        entity_id: String(e.id),
        action: "created",
        data: json({ ...e, parsed: undefined }),
      }),
    );
  }
  const byParty = new Map<string, StatusEventInput[]>();
  for (const e of seed.events)
    byParty.set(e.party, [
      ...(byParty.get(e.party) ?? []),
      { id: e.id, status: e.status, kind: e.kind, date: e.parsed },
    ]);
  for (const [party, log] of byParty) {
    for (const row of periodRows(party, kindOf.get(party)!, log)) out.push(insert("status_periods", columnsOf(row)));
  }
  for (const a of seed.agreements) {
    const signed = a.signed ? date(a.signed) : null;
    out.push(
      insert("agreements", {
        id: a.id,
        kind: a.kind,
        title_en: a.title.en,
        title_ru: a.title.ru ?? null,
        title_zh: a.title.zh ?? null,
        lifecycle: a.lifecycle,
        proposed_date: a.proposed ?? null,
        proposed_precision: a.proposed ? date(a.proposed).precision : null,
        signed_date: a.signed ?? null,
        signed_precision: signed?.precision ?? null,
        signed_window_start: signed?.windowStart ?? null,
        in_force_date: a.inForce ?? null,
        in_force_precision: a.inForce ? date(a.inForce).precision : null,
        ended_date: a.ended ?? null,
        ended_precision: a.ended ? date(a.ended).precision : null,
        place: a.place ?? null,
        signatories: json(a.signatories),
        authorising_decision: a.authorisingDecision ?? null,
        sources: json(a.sources),
      }),
    );
    for (const cp of a.counterparties)
      out.push(insert("agreement_counterparties", { agreement_id: a.id, party_id: cp }));
    out.push(insert("changes", { entity_type: "agreement", entity_id: a.id, action: "created", data: json(a) }));
  }
  return `${out.join("\n")}\n`;
}
