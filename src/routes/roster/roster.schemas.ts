import { z } from "@hono/zod-openapi";
import { AtQuery, LangQuery } from "../../lib/params";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { PartialDateSchema, StatusSchema, UncertaintySchema } from "../parties/parties.schemas";

export const RosterQuery = z.object({
  at: AtQuery,
  lang: LangQuery,
  limit: PageQuery.limit.default(MAX_PAGE_SIZE),
  cursor: PageQuery.cursor,
});

export const RosterEntrySchema = z
  .object({
    id: z.string().openapi({ description: "State code or organisation id", example: "IND" }),
    kind: z.enum(["state", "organisation"]).openapi({ example: "state" }),
    name: z.string().openapi({ example: "India" }),
    since: PartialDateSchema,
    ...UncertaintySchema,
  })
  .openapi("RosterEntry");

export const RosterSchema = z
  .object({
    at: z.string().openapi({ example: "2017-06-10" }),
    counts: z.record(z.string(), z.number().int()).openapi({ description: "Parties holding each status on the day (all pages)", example: { member: 8, observer: 4 } }),
    total: z.number().int().openapi({ example: 26 }),
    groups: z
      .array(z.object({ status: StatusSchema, count: z.number().int(), items: z.array(RosterEntrySchema) }))
      .openapi({ description: "This page's parties, grouped by status" }),
    nextCursor: nextCursorField,
  })
  .openapi("Roster");
