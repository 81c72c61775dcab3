/** Wire schemas shared by states, organisations, the roster and the event log. */
import { z } from "@hono/zod-openapi";
import { EVENT_KINDS, STATUSES } from "../domain/statuses";
import { AlternativeSchema, CertaintySchema, ContestedSchema, SourceSchema } from "./evidence-schemas";
import { day, int32, MAX, MAX_LIST, partyId, str } from "./wire";

export const StatusSchema = z.enum(STATUSES).openapi("Status", {
  description:
    "member, observer, dialogue_partner, partner (the single 'SCO partner' status since 2025-09-01), partner_organisation, guest, or none",
  example: "observer",
});

export const EventKindSchema = z.enum(EVENT_KINDS).openapi("EventKind", { example: "status_granted" });

export const PartialDateSchema = z
  .object({
    date: str(10)
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      .openapi({ description: "YYYY, YYYY-MM or YYYY-MM-DD, as precisely as it is known", example: "2005-07-05" }),
    precision: z.enum(["year", "month", "day"]).openapi({ example: "day" }),
  })
  .openapi("PartialDate");

export const NamesSchema = z
  .object({
    en: str(MAX.name).openapi({ example: "Iran" }),
    ru: str(MAX.name).openapi({ example: "Иран" }),
    zh: str(MAX.name).openapi({ example: "伊朗" }),
  })
  .openapi("Names");

export const StatusEventSchema = z
  .object({
    id: int32(1).openapi({ example: 12 }),
    party: partyId().openapi({ description: "State code (alpha-3) or organisation id", example: "IRN" }),
    partyKind: z.enum(["state", "organisation"]).openapi({ example: "state" }),
    status: StatusSchema,
    kind: EventKindSchema,
    effective: PartialDateSchema,
    decision: str(500).nullable().openapi({ example: "Decision on granting observer status" }),
    body: str(200).nullable().openapi({ example: "Council of Heads of State" }),
    place: str(200).nullable().openapi({ example: "Astana" }),
    note: str(1000).nullable().openapi({ example: null }),
    certainty: CertaintySchema,
    basis: z
      .object({ agreementId: str(MAX.agreementId).openapi({ example: "sco-egy-dialogue-partner-memorandum-2022" }) })
      .nullable()
      .openapi({ description: "The agreement (e.g. the memorandum) the event rests on, where the registry holds it" }),
    alternatives: z
      .array(AlternativeSchema)
      .max(5)
      .openapi({ description: "Other readings where sources disagree (another date, kind of act or status)" }),
    sources: z.array(SourceSchema).min(1).max(20),
  })
  .openapi("StatusEvent");

export const ContestedSpanSchema = z
  .object({
    eventId: int32(1).openapi({ example: 46 }),
    from: day(),
    to: day().nullable().openapi({ description: "First day after the span; null while it lasts" }),
    status: StatusSchema.openapi({ description: "The registry's reading in the span" }),
    alternative: z.object({
      status: StatusSchema.openapi({ description: "The other reading's status in the span" }),
      reading: z.object({
        date: str(10).openapi({ example: "2021-09-17" }),
        kind: EventKindSchema,
        status: StatusSchema,
        note: str(1000).nullable(),
        sources: z.array(SourceSchema).max(20),
      }),
    }),
  })
  .openapi("ContestedSpan");

export const StatusPeriodSchema = z
  .object({
    status: StatusSchema,
    from: PartialDateSchema,
    to: z.union([PartialDateSchema, z.null()]).openapi({ description: "null while the period lasts" }),
    startEventId: int32(1).openapi({ example: 12 }),
    endEventId: int32(1).nullable().openapi({ example: 31 }),
  })
  .openapi("StatusPeriod");

export const HistorySchema = z
  .object({
    events: z.array(StatusEventSchema).max(MAX_LIST).openapi({ description: "The party's events, oldest first" }),
    periods: z
      .array(StatusPeriodSchema)
      .max(MAX_LIST)
      .openapi({ description: "Status periods derived from the events, oldest first" }),
    contested: z.array(ContestedSpanSchema).max(MAX_LIST).openapi({
      description: "Spans where the sources disagree on the status held: both readings, with their sources",
    }),
  })
  .openapi("History");

export const UncertaintySchema = {
  uncertain: z.boolean().openapi({
    description: "The day falls inside the window of a date known only to the year or month",
    example: false,
  }),
  possibleStatus: z
    .union([StatusSchema, z.null()])
    .openapi({ description: "Where uncertain: the status the party may already hold", example: null }),
  uncertainWindow: z
    .object({ from: day(), to: day() })
    .nullable()
    .openapi({ description: "Where uncertain: the first and last day the pending event may fall on", example: null }),
};

export const StatusOnDaySchema = z
  .object({
    at: day().openapi({ example: "2020-01-01" }),
    status: StatusSchema,
    since: z
      .union([PartialDateSchema, z.null()])
      .openapi({ description: "Start of the reported status (or of the `none` after a withdrawal)" }),
    ...UncertaintySchema,
    ...ContestedSchema,
  })
  .openapi("StatusOnDay");

const wikidataId = () =>
  str(20)
    .regex(/^Q[1-9]\d*$/)
    .openapi({ description: "Wikidata item: https://www.wikidata.org/wiki/{id}", example: "Q794" });

/** Identifiers that link out (src/data/identifiers.ts says where each comes from); null where none is sourced. */
export const IdentifiersSchema = z
  .object({
    wikidata: wikidataId().nullable(),
    iso3166Alpha2: str(2)
      .regex(/^[A-Z]{2}$/)
      .nullable()
      .openapi({ description: "States: ISO 3166-1 alpha-2", example: "IR" }),
    iso3166Alpha3: str(3)
      .regex(/^[A-Z]{3}$/)
      .nullable()
      .openapi({ description: "States: ISO 3166-1 alpha-3 (the registry's state code)", example: "IRN" }),
    m49: str(3)
      .regex(/^\d{3}$/)
      .nullable()
      .openapi({ description: "States: UN M49 numeric code", example: "364" }),
    website: z.url().max(300).nullable().openapi({ description: "Organisations: the official site", example: null }),
    sources: z
      .object({
        codes: z.union([SourceSchema, z.null()]).openapi({ description: "Where the ISO and M49 codes come from" }),
        wikidata: z.union([SourceSchema, z.null()]).openapi({ description: "Where the Wikidata item comes from" }),
        website: z.union([SourceSchema, z.null()]).openapi({ description: "Where the official site comes from" }),
      })
      .openapi({
        example: {
          codes: {
            title:
              "@rapideditor/country-coder 5.6.1: ISO 3166-1 alpha-2 and alpha-3, UN M49 and Wikidata item of each country",
            url: "https://github.com/rapideditor/country-coder",
            publisher: "RapiD editor (country-coder)",
            kind: "secondary",
          },
          wikidata: null,
          website: null,
        },
      }),
  })
  .openapi("Identifiers");

export const WikidataQuery = wikidataId()
  .optional()
  .openapi({ description: "Only the party with this Wikidata item", example: "Q794" });
