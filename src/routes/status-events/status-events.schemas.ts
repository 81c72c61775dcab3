import { z } from "@hono/zod-openapi";
import { EVENT_KINDS, STATUSES } from "../../domain/statuses";
import { DaySchema } from "../../lib/params";
import { nextCursorField, PageQuery } from "../../lib/pagination";
import { StatusEventSchema } from "../parties/parties.schemas";

export const StatusEventListQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,40}$/)
    .optional()
    .openapi({ description: "State code (alpha-3) or organisation id", example: "IRN" }),
  status: z.enum(STATUSES).optional().openapi({ description: "Only events entering this status", example: "member" }),
  kind: z.enum(EVENT_KINDS).optional().openapi({ description: "Only events of this kind", example: "accession" }),
  from: DaySchema.optional().openapi({ type: "string", format: "date", description: "Events whose date window starts on or after this day", example: "2015-01-01" }),
  to: DaySchema.optional().openapi({ type: "string", format: "date", description: "Events whose date window starts on or before this day", example: "2024-12-31" }),
  ...PageQuery,
});

export const StatusEventListSchema = z
  .object({ items: z.array(StatusEventSchema), nextCursor: nextCursorField })
  .openapi("StatusEventList");
