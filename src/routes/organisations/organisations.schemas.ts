import { z } from "@hono/zod-openapi";
import { ContestedSchema } from "../../lib/evidence-schemas";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { AsRecordedOnQuery, AtQuery, LangQuery } from "../../lib/params";
import {
  HistorySchema,
  IdentifiersSchema,
  NamesSchema,
  PartialDateSchema,
  StatusOnDaySchema,
  StatusSchema,
  UncertaintySchema,
  WikidataQuery,
} from "../../lib/party-schemas";
import { CorrectionsField, RecordSchema } from "../../lib/record-schemas";
import { day, MAX, partyId, str } from "../../lib/wire";

export const OrganisationIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,40}$/, "use the organisation's id, e.g. asean")
    .openapi({
      param: { name: "id", in: "path" },
      maxLength: MAX.partyId,
      description: "Lowercase slug, any case",
      example: "asean",
    }),
});

export const OrganisationListQuery = z.object({
  wikidata: WikidataQuery,
  at: AtQuery,
  asRecordedOn: AsRecordedOnQuery,
  lang: LangQuery,
  ...PageQuery,
});
export const OrganisationHistoryQuery = z.object({ asRecordedOn: AsRecordedOnQuery, lang: LangQuery });

export const OrganisationSummarySchema = z
  .object({
    id: partyId().openapi({ example: "asean" }),
    name: str(MAX.name).openapi({ example: "ASEAN" }),
    fullName: str(300).nullable().openapi({ example: "Association of Southeast Asian Nations" }),
    wikidata: IdentifiersSchema.shape.wikidata,
    status: StatusSchema,
    since: PartialDateSchema,
    ...UncertaintySchema,
    ...ContestedSchema,
  })
  .openapi("OrganisationSummary");

export const OrganisationListSchema = z
  .object({
    at: day().openapi({ example: "2026-01-01" }),
    items: z.array(OrganisationSummarySchema).max(MAX_PAGE_SIZE),
    nextCursor: nextCursorField,
    record: RecordSchema.optional(),
  })
  .openapi("OrganisationList");

export const OrganisationDetailSchema = z
  .object({
    id: partyId().openapi({ example: "asean" }),
    name: str(MAX.name).openapi({ example: "ASEAN" }),
    fullName: str(300).nullable().openapi({ example: "Association of Southeast Asian Nations" }),
    names: NamesSchema,
    identifiers: IdentifiersSchema,
    current: StatusOnDaySchema,
    history: HistorySchema,
    record: RecordSchema.optional(),
  })
  .openapi("OrganisationDetail");

export const OrganisationHistorySchema = HistorySchema.extend({
  id: partyId().openapi({ example: "asean" }),
  name: str(MAX.name).openapi({ example: "ASEAN" }),
  corrections: CorrectionsField,
  record: RecordSchema.optional(),
}).openapi("OrganisationHistory");
