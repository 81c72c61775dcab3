import { z } from "@hono/zod-openapi";
import { parsePartialDate } from "../../domain/dates";
import { EVENT_KINDS, STATUSES } from "../../domain/statuses";
import { AlternativeInput, CertaintySchema, SourceInput, SourcesInput } from "../../lib/evidence-schemas";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { DaySchema } from "../../lib/params";
import { StatusEventSchema } from "../../lib/party-schemas";

export const StatusEventListQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,40}$/)
    .optional()
    .openapi({ maxLength: 40, description: "State code (alpha-3) or organisation id", example: "IRN" }),
  status: z.enum(STATUSES).optional().openapi({ description: "Only events entering this status", example: "member" }),
  kind: z.enum(EVENT_KINDS).optional().openapi({ description: "Only events of this kind", example: "accession" }),
  from: DaySchema.optional().openapi({
    type: "string",
    format: "date",
    maxLength: 10,
    description: "Events whose date window starts on or after this day",
    example: "2015-01-01",
  }),
  to: DaySchema.optional().openapi({
    type: "string",
    format: "date",
    maxLength: 10,
    description: "Events whose date window starts on or before this day",
    example: "2024-12-31",
  }),
  ...PageQuery,
});

export const StatusEventListSchema = z
  .object({ items: z.array(StatusEventSchema).max(MAX_PAGE_SIZE), nextCursor: nextCursorField })
  .openapi("StatusEventList");

export const CreateStatusEventBody = z
  .strictObject({
    party: z
      .string()
      .regex(/^[A-Za-z0-9-]{2,40}$/, "a state code (alpha-3 or alpha-2) or an organisation id")
      .openapi({ maxLength: 40, description: "State code (alpha-3 or alpha-2) or organisation id", example: "LAO" }),
    status: z.enum(STATUSES),
    kind: z.enum(EVENT_KINDS),
    date: z
      .string()
      .max(10)
      .refine((v) => !("error" in parsePartialDate(v)), {
        error: (i) => (parsePartialDate(String(i.input)) as { error: string }).error,
      })
      .openapi({
        pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$",
        description: "YYYY, YYYY-MM or YYYY-MM-DD: as precisely as it is known, never padded",
        example: "2026-07-15",
      }),
    decision: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ example: "Decision on granting the status of SCO partner" }),
    body: z.string().trim().min(1).max(200).optional().openapi({ example: "Council of Heads of State" }),
    place: z.string().trim().min(1).max(200).optional().openapi({ example: "Bishkek" }),
    note: z.string().trim().min(1).max(1000).optional(),
    certainty: CertaintySchema.optional().openapi({
      description: "Default high; not high where an alternative exists",
    }),
    basis: z
      .strictObject({
        agreementId: z
          .string()
          .max(80)
          .regex(/^[a-z0-9][a-z0-9-]{2,79}$/),
      })
      .optional()
      .openapi({ description: "The agreement (e.g. the memorandum) the event rests on; it must be in the registry" }),
    alternatives: z.array(AlternativeInput).max(5).optional(),
    sources: SourcesInput,
  })
  .openapi("CreateStatusEvent", {
    example: {
      party: "LAO",
      status: "partner",
      kind: "status_granted",
      date: "2026-07",
      body: "Council of Heads of State",
      sources: [
        {
          title: "Declaration of the SCO Council of Heads of State, 2026",
          publisher: "SCO Council of Heads of State",
          kind: "official_document",
        },
      ],
    },
  });

/** A status event's id in a path: decimal digits (a string in the contract: ids are public, not secrets). */
export const EventIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, "a status event id: a positive integer")
    .transform(Number)
    .pipe(z.number().int().max(2_147_483_647))
    .openapi({
      param: { name: "id", in: "path" },
      type: "string",
      pattern: "^[1-9][0-9]{0,9}$",
      maxLength: 10,
      description: "The event's id (`id` of a status event)",
      example: "12",
    }),
});

const Reason = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .openapi({ description: "Why the record changes (required)", example: "The decision is dated 4 July, not 5 July" });
const CorrectionSources = SourcesInput.openapi({
  description: "The sources of the correction: at least one",
  example: ["Note verbale No. 2026/LD-201"],
});
const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const CorrectStatusEventBody = z
  .strictObject({
    status: CreateStatusEventBody.shape.status.optional(),
    kind: CreateStatusEventBody.shape.kind.optional(),
    date: CreateStatusEventBody.shape.date.optional(),
    decision: nullableText(500),
    body: nullableText(200),
    place: nullableText(200),
    note: nullableText(1000),
    eventSources: z
      .array(SourceInput)
      .max(20)
      .optional()
      .openapi({ description: "Sources to add to the event's own sources (they are never removed)" }),
    certainty: CertaintySchema.optional(),
    alternatives: z
      .array(AlternativeInput)
      .max(5)
      .optional()
      .openapi({ description: "Replaces the event's other readings ([] removes them once the sources agree)" }),
    reason: Reason,
    sources: CorrectionSources,
  })
  .openapi("CorrectStatusEvent", {
    description: "Only the fields sent change; null clears an optional text field.",
    example: {
      date: "2005-07-04",
      reason: "The decision is dated 4 July, not 5 July",
      sources: ["Note verbale No. 2026/LD-201"],
    },
  });
export type CorrectStatusEventBody = z.infer<typeof CorrectStatusEventBody>;

export const RetractStatusEventBody = z
  .strictObject({ reason: Reason, sources: CorrectionSources })
  .openapi("RetractStatusEvent", {
    example: { reason: "Recorded for the wrong party", sources: ["Note verbale No. 2026/LD-202"] },
  });
export type RetractStatusEventBody = z.infer<typeof RetractStatusEventBody>;
