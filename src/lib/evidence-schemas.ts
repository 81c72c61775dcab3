/**
 * Wire schemas of the evidence a record rests on (issue 10): structured sources, certainty, the
 * other reading where sources disagree, and contested spans. The rules are in src/domain/evidence.ts
 * and src/domain/contested.ts.
 */
import { z } from "@hono/zod-openapi";
import { parsePartialDate } from "../domain/dates";
import { type Alternative, CERTAINTIES, SOURCE_KINDS, type Source } from "../domain/evidence";
import { EVENT_KINDS, STATUSES } from "../domain/statuses";
import { day, str } from "./wire";

const partial = () => str(10).regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const SourceKindSchema = z.enum(SOURCE_KINDS).openapi("SourceKind", {
  description:
    "official_document (charter, declaration, decision, memorandum text), official_site (the Secretariat's or a government's site), state_news_agency, news, or secondary",
  example: "official_document",
});

export const SourceSchema = z
  .object({
    title: str(500).openapi({ example: "Ufa Declaration of the Heads of Member States of the SCO, 10 July 2015" }),
    url: str(1000).optional().openapi({ format: "uri", example: "https://eng.sectsco.org/" }),
    publisher: str(200).openapi({ example: "SCO Council of Heads of State" }),
    kind: SourceKindSchema,
    language: str(35).optional().openapi({ example: "en" }),
    published: partial().optional().openapi({ description: "YYYY, YYYY-MM or YYYY-MM-DD", example: "2015-07-10" }),
    accessed: partial().optional().openapi({ description: "YYYY, YYYY-MM or YYYY-MM-DD", example: "2026-12-02" }),
  })
  .openapi("Source");

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A source as a write takes it. A bare string (the form before issue 10) is still accepted and
 * stored as a `secondary` source with publisher "unspecified" until someone classifies it: an
 * unclassified citation never counts as official.
 */
/** A date as the sources state it: YYYY, YYYY-MM or YYYY-MM-DD, and a real one. */
const partialInput = () =>
  str(10)
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .refine((v) => !("error" in parsePartialDate(v)), "not a real date (YYYY, YYYY-MM or YYYY-MM-DD)");

/** A structured source, as a client sends it and as the data files (src/data) hold it. */
export const SourceObjectInput = z.strictObject({
  title: text(500),
  url: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .optional(),
  publisher: text(200),
  kind: z.enum(SOURCE_KINDS),
  language: z
    .string()
    .max(35)
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as en, ru or zh")
    .optional(),
  published: partialInput().optional(),
  accessed: partialInput().optional(),
});

export const SourceInput = z.union([SourceObjectInput, text(500)]).openapi("SourceInput", {
  example: {
    title: "Bishkek Declaration of the SCO Council of Heads of State",
    publisher: "SCO Council of Heads of State",
    kind: "official_document",
  },
});

export type SourceInputT = z.infer<typeof SourceInput>;

export const toSource = (s: SourceInputT): Source =>
  typeof s === "string" ? { title: s, publisher: "unspecified", kind: "secondary" } : s;

export const SourcesInput = z
  .array(SourceInput)
  .min(1, "at least one source")
  .max(20)
  .openapi({ description: "At least one source; the strongest kind decides what the record rests on" });

export const CertaintySchema = z.enum(CERTAINTIES).openapi("Certainty", {
  description: "How firmly the sources establish the fact: high, medium or low",
  example: "high",
});

export const AlternativeSchema = z
  .object({
    date: partial().optional().openapi({ example: "2021-09-17" }),
    kind: z.enum(EVENT_KINDS).optional().openapi({ example: "status_granted" }),
    status: z.enum(STATUSES).optional().openapi({ example: "dialogue_partner" }),
    note: str(1000).optional(),
    sources: z.array(SourceSchema).min(1).max(20),
  })
  .openapi("Alternative", { description: "Another reading of the fact, with its own sources" });

export const AlternativeInput = z
  .strictObject({
    // a real date, as the event's own: the contested spans parse it as one
    date: partialInput().optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    status: z.enum(STATUSES).optional(),
    note: text(1000).optional(),
    sources: z.array(SourceInput).min(1, "an alternative reading needs sources of its own").max(20),
  })
  .openapi("AlternativeInput");

export const toAlternative = (a: z.infer<typeof AlternativeInput>): Alternative => ({
  ...a,
  sources: a.sources.map(toSource),
});

/** The contested part of a status answer (see contestedOn, src/domain/contested.ts). */
export const ContestedSchema = {
  contested: z.boolean().openapi({
    description: "The day falls between a fact and its other reading: the sources disagree on the status held",
    example: false,
  }),
  alternative: z
    .object({
      status: z.enum(STATUSES).openapi({ example: "dialogue_partner" }),
      reading: z.object({
        date: partial().openapi({ example: "2021-09-17" }),
        kind: z.enum(EVENT_KINDS).openapi({ example: "status_granted" }),
        note: str(1000).nullable(),
        sources: z.array(SourceSchema).max(20),
      }),
      span: z.object({ from: day(), to: day().nullable() }),
    })
    .nullable()
    .openapi("ContestedReading", {
      description: "Where contested: the status the other reading gives on that day, and that reading",
      example: null,
    }),
};

export const AttendanceSchema = z
  .object({
    meeting: z.object({
      en: str(300).openapi({ example: "Meeting of the SCO Council of Heads of State (summit), Shanghai" }),
    }),
    date: z
      .object({ date: partial().openapi({ example: "2006-06-15" }), precision: z.enum(["year", "month", "day"]) })
      .openapi({ description: "As precisely as the sources state it" }),
    place: str(200).nullable().openapi({ example: "Shanghai" }),
    certainty: CertaintySchema,
    note: str(1000).nullable(),
    sources: z.array(SourceSchema).min(1).max(20),
    alternatives: z.array(AlternativeSchema).max(5).openapi({ description: "Other readings of the date" }),
  })
  .openapi("Attendance", { description: "Attendance at a named meeting as a guest: not a status" });

export const AttendanceListSchema = z
  .object({
    party: str(40).openapi({ example: "AFG" }),
    items: z.array(AttendanceSchema).max(500),
  })
  .openapi("AttendanceList");

export const toWireAttendance = (a: {
  meetingEn: string;
  date: string;
  precision: "year" | "month" | "day";
  place: string | null;
  certainty: "high" | "medium" | "low";
  note: string | null;
  sources: string;
  alternatives: string;
}) => ({
  meeting: { en: a.meetingEn },
  date: { date: a.date, precision: a.precision },
  place: a.place,
  certainty: a.certainty,
  note: a.note,
  sources: JSON.parse(a.sources) as Source[],
  alternatives: JSON.parse(a.alternatives) as Alternative[],
});
