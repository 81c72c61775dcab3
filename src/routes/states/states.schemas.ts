import { z } from "@hono/zod-openapi";
import { POSTS } from "../../domain/secretariat";
import { STATE_STATUSES } from "../../domain/statuses";
import { ContestedSchema, SourceSchema } from "../../lib/evidence-schemas";
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
import { day, MAX, MAX_LIST, str } from "../../lib/wire";

export const StateCodeParam = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/, "use an ISO 3166-1 alpha-3 or alpha-2 code, e.g. IRN or IR")
    .openapi({
      param: { name: "code", in: "path" },
      maxLength: 3,
      description: "ISO 3166-1 alpha-3 or alpha-2 code, any case",
      example: "IRN",
    }),
});

export const StateListQuery = z.object({
  status: z
    .enum(STATE_STATUSES.filter((s) => s !== "none") as [string, ...string[]])
    .optional()
    .openapi({
      description: "Only states holding this status on the day; omit for every state with any status",
      example: "member",
    }),
  wikidata: WikidataQuery,
  at: AtQuery,
  asRecordedOn: AsRecordedOnQuery,
  lang: LangQuery,
  ...PageQuery,
});

export const AtLangQuery = z.object({ at: AtQuery, asRecordedOn: AsRecordedOnQuery, lang: LangQuery });
export const HistoryQuery = z.object({ asRecordedOn: AsRecordedOnQuery, lang: LangQuery });

export const StateSummarySchema = z
  .object({
    code: str(3)
      .regex(/^[A-Z]{3}$/)
      .openapi({ example: "IND" }),
    alpha2: str(2)
      .regex(/^[A-Z]{2}$/)
      .nullable()
      .openapi({ example: "IN" }),
    name: str(MAX.name).openapi({ example: "India" }),
    wikidata: IdentifiersSchema.shape.wikidata,
    status: StatusSchema,
    since: PartialDateSchema,
    ...UncertaintySchema,
    ...ContestedSchema,
  })
  .openapi("StateSummary");

export const StateListSchema = z
  .object({
    at: day().openapi({ example: "2017-06-10" }),
    status: z.union([StatusSchema, z.null()]).openapi({ description: "The status filter, if any" }),
    items: z.array(StateSummarySchema).max(MAX_PAGE_SIZE),
    nextCursor: nextCursorField,
    record: RecordSchema.optional(),
  })
  .openapi("StateList");

export const StateStatusSchema = StatusOnDaySchema.extend({
  code: str(3)
    .regex(/^[A-Z]{3}$/)
    .openapi({ example: "IRN" }),
  name: str(MAX.name).openapi({ example: "Iran (Islamic Republic of)" }),
  record: RecordSchema.optional(),
}).openapi("StateStatus");

export const StateDetailSchema = z
  .object({
    code: str(3)
      .regex(/^[A-Z]{3}$/)
      .openapi({ example: "IRN" }),
    alpha2: str(2)
      .regex(/^[A-Z]{2}$/)
      .nullable()
      .openapi({ example: "IR" }),
    name: str(MAX.name).openapi({ example: "Iran (Islamic Republic of)" }),
    names: NamesSchema,
    commonName: str(MAX.name).nullable().openapi({
      description: "The common English name where `names.en` (the UN short name) differs",
      example: "Iran",
    }),
    formerNames: z
      .array(
        z.object({
          name: z.object({ en: str(MAX.name), ru: str(MAX.name).optional(), zh: str(MAX.name).optional() }),
          until: str(10).openapi({ example: "2022-06" }),
          sources: z.array(SourceSchema).min(1).max(20),
        }),
      )
      .max(5)
      .openapi({ description: "Official names the state no longer uses, each dated and sourced" }),
    identifiers: IdentifiersSchema,
    current: StatusOnDaySchema.openapi({ description: "The status today" }),
    history: HistorySchema,
    record: RecordSchema.optional(),
    secretariatPosts: z
      .array(
        z.object({
          termId: str(80).openapi({ example: "sg-2007-bolat-nurgaliyev" }),
          post: z.enum(POSTS).openapi({ example: "secretary_general" }),
          title: str(100).nullable().openapi({ example: null }),
          name: str(MAX.name).nullable().openapi({
            description: "In the asked language; null where no source gives it",
            example: "Bolat Nurgaliyev",
          }),
          start: PartialDateSchema,
          end: z.union([PartialDateSchema, z.null()]),
        }),
      )
      .max(MAX_LIST)
      .openapi({
        description:
          "The posts of the SCO Secretariat held by its citizens (see /v1/secretariat/leadership), oldest first",
      }),
  })
  .openapi("StateDetail");

export const StateHistorySchema = HistorySchema.extend({
  code: str(3)
    .regex(/^[A-Z]{3}$/)
    .openapi({ example: "IRN" }),
  name: str(MAX.name).openapi({ example: "Iran (Islamic Republic of)" }),
  corrections: CorrectionsField,
  record: RecordSchema.optional(),
}).openapi("StateHistory");
