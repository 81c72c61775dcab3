import { z } from "@hono/zod-openapi";
import { STATE_STATUSES } from "../../domain/statuses";
import { AtQuery, LangQuery } from "../../lib/params";
import { nextCursorField, PageQuery } from "../../lib/pagination";
import { HistorySchema, NamesSchema, PartialDateSchema, StatusOnDaySchema, StatusSchema, UncertaintySchema } from "../parties/parties.schemas";

export const StateCodeParam = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/, "use an ISO 3166-1 alpha-3 or alpha-2 code, e.g. IRN or IR")
    .openapi({ param: { name: "code", in: "path" }, description: "ISO 3166-1 alpha-3 or alpha-2 code, any case", example: "IRN" }),
});

export const StateListQuery = z.object({
  status: z
    .enum(STATE_STATUSES.filter((s) => s !== "none") as [string, ...string[]])
    .optional()
    .openapi({ description: "Only states holding this status on the day; omit for every state with any status", example: "member" }),
  at: AtQuery,
  lang: LangQuery,
  ...PageQuery,
});

export const AtLangQuery = z.object({ at: AtQuery, lang: LangQuery });
export const LangOnlyQuery = z.object({ lang: LangQuery });

export const StateSummarySchema = z
  .object({
    code: z.string().openapi({ example: "IND" }),
    alpha2: z.string().nullable().openapi({ example: "IN" }),
    name: z.string().openapi({ example: "India" }),
    status: StatusSchema,
    since: PartialDateSchema,
    ...UncertaintySchema,
  })
  .openapi("StateSummary");

export const StateListSchema = z
  .object({
    at: z.string().openapi({ example: "2017-06-10" }),
    status: StatusSchema.nullable().openapi({ description: "The status filter, if any" }),
    items: z.array(StateSummarySchema),
    nextCursor: nextCursorField,
  })
  .openapi("StateList");

export const StateStatusSchema = StatusOnDaySchema.extend({
  code: z.string().openapi({ example: "IRN" }),
  name: z.string().openapi({ example: "Iran" }),
}).openapi("StateStatus");

export const StateDetailSchema = z
  .object({
    code: z.string().openapi({ example: "IRN" }),
    alpha2: z.string().nullable().openapi({ example: "IR" }),
    name: z.string().openapi({ example: "Iran" }),
    names: NamesSchema,
    current: StatusOnDaySchema.openapi({ description: "The status today" }),
    history: HistorySchema,
  })
  .openapi("StateDetail");

export const StateHistorySchema = HistorySchema.extend({
  code: z.string().openapi({ example: "IRN" }),
  name: z.string().openapi({ example: "Iran" }),
}).openapi("StateHistory");
