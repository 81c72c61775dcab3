import { z } from "@hono/zod-openapi";
import { LangQuery } from "../../lib/params";
import { nextCursorField, PageQuery } from "../../lib/pagination";
import { HistorySchema, NamesSchema, PartialDateSchema, StatusOnDaySchema, StatusSchema, UncertaintySchema } from "../parties/parties.schemas";
import { AtQuery } from "../../lib/params";

export const OrganisationIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,40}$/, "use the organisation's id, e.g. asean")
    .openapi({ param: { name: "id", in: "path" }, description: "Lowercase slug, any case", example: "asean" }),
});

export const OrganisationListQuery = z.object({ at: AtQuery, lang: LangQuery, ...PageQuery });
export const OrganisationLangQuery = z.object({ lang: LangQuery });

export const OrganisationSummarySchema = z
  .object({
    id: z.string().openapi({ example: "asean" }),
    name: z.string().openapi({ example: "ASEAN" }),
    fullName: z.string().nullable().openapi({ example: "Association of Southeast Asian Nations" }),
    status: StatusSchema,
    since: PartialDateSchema,
    ...UncertaintySchema,
  })
  .openapi("OrganisationSummary");

export const OrganisationListSchema = z
  .object({ at: z.string().openapi({ example: "2026-01-01" }), items: z.array(OrganisationSummarySchema), nextCursor: nextCursorField })
  .openapi("OrganisationList");

export const OrganisationDetailSchema = z
  .object({
    id: z.string().openapi({ example: "asean" }),
    name: z.string().openapi({ example: "ASEAN" }),
    fullName: z.string().nullable().openapi({ example: "Association of Southeast Asian Nations" }),
    names: NamesSchema,
    current: StatusOnDaySchema,
    history: HistorySchema,
  })
  .openapi("OrganisationDetail");

export const OrganisationHistorySchema = HistorySchema.extend({
  id: z.string().openapi({ example: "asean" }),
  name: z.string().openapi({ example: "ASEAN" }),
}).openapi("OrganisationHistory");
