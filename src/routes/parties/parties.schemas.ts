/** Wire schemas shared by states, organisations, the roster and the event log. */
import { z } from "@hono/zod-openapi";
import { EVENT_KINDS, STATUSES } from "../../domain/statuses";

export const StatusSchema = z.enum(STATUSES).openapi("Status", {
  description:
    "member, observer, dialogue_partner, partner (the single 'SCO partner' status since 2025-09-01), partner_organisation, guest, or none",
  example: "observer",
});

export const EventKindSchema = z.enum(EVENT_KINDS).openapi("EventKind", { example: "status_granted" });

export const PartialDateSchema = z
  .object({
    date: z.string().openapi({ description: "YYYY, YYYY-MM or YYYY-MM-DD, as precisely as it is known", example: "2005-07-05" }),
    precision: z.enum(["year", "month", "day"]).openapi({ example: "day" }),
  })
  .openapi("PartialDate");

export const NamesSchema = z
  .object({
    en: z.string().openapi({ example: "Iran" }),
    ru: z.string().openapi({ example: "Иран" }),
    zh: z.string().openapi({ example: "伊朗" }),
  })
  .openapi("Names");

export const StatusEventSchema = z
  .object({
    id: z.number().int().openapi({ example: 12 }),
    party: z.string().openapi({ description: "State code (alpha-3) or organisation id", example: "IRN" }),
    partyKind: z.enum(["state", "organisation"]).openapi({ example: "state" }),
    status: StatusSchema,
    kind: EventKindSchema,
    effective: PartialDateSchema,
    decision: z.string().nullable().openapi({ example: "Decision on granting observer status" }),
    body: z.string().nullable().openapi({ example: "Council of Heads of State" }),
    place: z.string().nullable().openapi({ example: "Astana" }),
    note: z.string().nullable().openapi({ example: null }),
    sources: z.array(z.string()).min(1).openapi({ example: ["Declaration of Heads of Member States of the SCO, Astana, 5 July 2005"] }),
  })
  .openapi("StatusEvent");

export const StatusPeriodSchema = z
  .object({
    status: StatusSchema,
    from: PartialDateSchema,
    to: PartialDateSchema.nullable().openapi({ description: "null while the period lasts" }),
    startEventId: z.number().int().openapi({ example: 12 }),
    endEventId: z.number().int().nullable().openapi({ example: 31 }),
  })
  .openapi("StatusPeriod");

export const HistorySchema = z
  .object({
    events: z.array(StatusEventSchema).openapi({ description: "The party's events, oldest first" }),
    periods: z.array(StatusPeriodSchema).openapi({ description: "Status periods derived from the events, oldest first" }),
  })
  .openapi("History");

export const UncertaintySchema = {
  uncertain: z.boolean().openapi({ description: "The day falls inside the window of a date known only to the year or month", example: false }),
  possibleStatus: StatusSchema.nullable().openapi({ description: "Where uncertain: the status the party may already hold", example: null }),
  uncertainWindow: z
    .object({ from: z.string(), to: z.string() })
    .nullable()
    .openapi({ description: "Where uncertain: the first and last day the pending event may fall on", example: null }),
};

export const StatusOnDaySchema = z
  .object({
    at: z.string().openapi({ example: "2020-01-01" }),
    status: StatusSchema,
    since: PartialDateSchema.nullable().openapi({ description: "Start of the reported status (or of the `none` after a withdrawal)" }),
    ...UncertaintySchema,
  })
  .openapi("StatusOnDay");
