import { z } from "@hono/zod-openapi";
import { STATUSES } from "../../domain/statuses";
import { ContestedSchema } from "../../lib/evidence-schemas";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { AsRecordedOnQuery, AtQuery, LangQuery } from "../../lib/params";
import { PartialDateSchema, StatusSchema, UncertaintySchema } from "../../lib/party-schemas";
import { RecordSchema } from "../../lib/record-schemas";
import { day, int32, MAX, partyId, str } from "../../lib/wire";

export const RosterQuery = z.object({
  at: AtQuery,
  asRecordedOn: AsRecordedOnQuery,
  lang: LangQuery,
  limit: PageQuery.limit.default(MAX_PAGE_SIZE),
  cursor: PageQuery.cursor,
});

export const RosterEntrySchema = z
  .object({
    id: partyId().openapi({ description: "State code or organisation id", example: "IND" }),
    kind: z.enum(["state", "organisation"]).openapi({ example: "state" }),
    name: str(MAX.name).openapi({ example: "India" }),
    since: PartialDateSchema,
    ...UncertaintySchema,
    ...ContestedSchema,
  })
  .openapi("RosterEntry");

export const RosterSchema = z
  .object({
    at: day().openapi({ example: "2017-06-10" }),
    counts: z.record(z.string(), int32()).openapi({
      description: "Parties holding each status on the day (all pages)",
      example: { member: 8, observer: 4 },
    }),
    total: int32().openapi({ example: 26 }),
    groups: z
      .array(z.object({ status: StatusSchema, count: int32(), items: z.array(RosterEntrySchema).max(MAX_PAGE_SIZE) }))
      .max(STATUSES.length)
      .openapi({ description: "This page's parties, grouped by status" }),
    nextCursor: nextCursorField,
    record: RecordSchema.optional(),
  })
  .openapi("Roster");
