/** Wire schemas of the record over time (src/domain/recorded.ts): which version an answer rests on, and corrections. */
import { z } from "@hono/zod-openapi";
import { SourceSchema } from "./evidence-schemas";
import { StatusEventSchema } from "./party-schemas";
import { int32, MAX, MAX_LIST, str, timestamp } from "./wire";

export const RecordSchema = z
  .object({
    asRecordedOn: timestamp().openapi({ description: "The moment of the record this answer is from" }),
    latestRecordedAt: timestamp()
      .nullable()
      .openapi({ description: "The last change to the facts this answer rests on, recorded by then" }),
  })
  .openapi("Record", {
    description: "Present when asRecordedOn was asked: the version of the record the answer rests on",
  });

const CorrectionSources = z
  .array(SourceSchema)
  .max(20)
  .openapi({ description: "The sources of the correction (none for the data migration's first version)" });

export const EventVersionSchema = z
  .object({
    eventId: int32(1).openapi({ example: 12 }),
    version: int32(1).openapi({ example: 2 }),
    action: z.enum(["recorded", "correction", "retraction"]).openapi({ example: "correction" }),
    recordedFrom: timestamp(),
    recordedUntil: timestamp().nullable().openapi({ description: "null while it is the record" }),
    retracted: z.boolean().openapi({ description: "This version took the event out of the record", example: false }),
    reason: str(1000).nullable().openapi({ example: "The decision is dated 4 July, not 5 July" }),
    recordedBy: str(MAX.name)
      .nullable()
      .openapi({ description: "The API key's name; null for the data migration", example: "IR department" }),
    sources: CorrectionSources,
    event: StatusEventSchema.openapi({ description: "The event as this version recorded it" }),
  })
  .openapi("StatusEventVersion");

export const StatusEventRecordSchema = z
  .object({
    id: int32(1).openapi({ example: 12 }),
    version: int32(1).openapi({ description: "The current version; its quoted value is the ETag", example: 2 }),
    retracted: z.boolean().openapi({ example: false }),
    current: z
      .union([StatusEventSchema, z.null()])
      .openapi({ description: "The event in the current record; null once retracted" }),
    versions: z.array(EventVersionSchema).max(MAX_LIST).openapi({ description: "Every version, oldest first" }),
  })
  .openapi("StatusEventRecord");

export const CorrectionSchema = z
  .object({
    eventId: int32(1).openapi({ example: 12 }),
    version: int32(2).openapi({ example: 2 }),
    action: z.enum(["correction", "retraction"]).openapi({ example: "correction" }),
    recordedAt: timestamp(),
    recordedBy: str(MAX.name).nullable().openapi({ example: "IR department" }),
    reason: str(1000).openapi({ example: "The decision is dated 4 July, not 5 July" }),
    sources: CorrectionSources,
    before: StatusEventSchema,
    after: z.union([StatusEventSchema, z.null()]).openapi({ description: "null for a retraction" }),
  })
  .openapi("Correction");

export const CorrectionsField = z
  .array(CorrectionSchema)
  .max(MAX_LIST)
  .openapi({ description: "Corrections and retractions of the party's events, in the order recorded" });
