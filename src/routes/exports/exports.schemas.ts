/**
 * The exports' wire shapes: the CSV files' columns (one header row, the Correlates of War IGO
 * shape: party, organisation, status, start, end, precision, sources) and the Popolo document.
 */
import { z } from "@hono/zod-openapi";
import { type CsvValue, LIST_SEPARATOR, sourcesField } from "../../lib/csv";
import type { agreementsPage, consentsPage, eventsPage, periodsPage } from "./exports.queries";

type Row<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

/** A CSV file: its header row and how one row becomes a record, in the header's order. */
export interface CsvShape<R> {
  columns: readonly string[];
  record: (row: R) => CsvValue[];
}

/** The organisation every status is held in; the CoW IGO data names the IGO on every row. */
export const ORGANISATION = "SCO";

export const periodsCsv: CsvShape<Row<typeof periodsPage>> = {
  columns: [
    "party",
    "party_kind",
    "party_name",
    "wikidata",
    "organisation",
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "next_status",
    "start_event_id",
    "end_event_id",
    "sources",
  ],
  record: ({ period: p, name, wikidata, startSources, endSources }) => [
    p.partyId,
    p.partyKind,
    name,
    wikidata,
    ORGANISATION,
    p.status,
    p.fromDate,
    p.fromPrecision,
    p.toDate,
    p.toPrecision,
    p.nextStatus,
    p.startEventId,
    p.endEventId,
    // The sources of the events that open and close the period.
    [sourcesField(startSources), sourcesField(endSources)].filter(Boolean).join(LIST_SEPARATOR),
  ],
};

export const eventsCsv: CsvShape<Row<typeof eventsPage>> = {
  columns: [
    "id",
    "party",
    "party_kind",
    "organisation",
    "status",
    "kind",
    "date",
    "precision",
    "decision",
    "body",
    "place",
    "note",
    "sources",
  ],
  record: ({ event: e, partyKind }) => [
    e.id,
    e.partyId,
    partyKind,
    ORGANISATION,
    e.status,
    e.kind,
    e.date,
    e.precision,
    e.decision,
    e.body,
    e.place,
    e.note,
    sourcesField(e.sources),
  ],
};

export const agreementsCsv: CsvShape<Row<typeof agreementsPage>> = {
  columns: [
    "id",
    "kind",
    "title_en",
    "title_ru",
    "title_zh",
    "lifecycle",
    "counterparties",
    "proposed",
    "proposed_precision",
    "signed",
    "signed_precision",
    "in_force",
    "in_force_precision",
    "ended",
    "ended_precision",
    "place",
    "authorising_decision",
    "consents_recorded",
    "sources",
  ],
  record: ({ agreement: a, counterparties }) => [
    a.id,
    a.kind,
    a.titleEn,
    a.titleRu,
    a.titleZh,
    a.lifecycle,
    counterparties,
    a.proposedDate,
    a.proposedPrecision,
    a.signedDate,
    a.signedPrecision,
    a.inForceDate,
    a.inForcePrecision,
    a.endedDate,
    a.endedPrecision,
    a.place,
    a.authorisingDecision,
    a.consentsRecorded,
    sourcesField(a.sources),
  ],
};

export const consentsCsv: CsvShape<Row<typeof consentsPage>> = {
  columns: ["agreement", "state", "decision", "date", "precision", "reference", "sources"],
  // A consent's date is always a day (DayInput); its one source is optional.
  record: (c) => [c.agreementId, c.stateId, c.decision, c.date, "day", c.reference, c.source],
};

const csvText = (example: string) => ({
  "text/csv": { schema: z.string().openapi({ description: "RFC 4180, UTF-8, one header row", example }) },
});

export const CSV_CONTENT = {
  periods: csvText(
    "party,party_kind,party_name,wikidata,organisation,status,start,start_precision,end,end_precision,next_status,start_event_id,end_event_id,sources\r\nIRN,state,Iran,Q794,SCO,observer,2005-07-05,day,2023-07-04,day,member,12,31,https://example.org/astana-2005\r\n",
  ),
  events: csvText(
    "id,party,party_kind,organisation,status,kind,date,precision,decision,body,place,note,sources\r\n12,IRN,state,SCO,observer,status_granted,2005-07-05,day,,Council of Heads of State,Astana,,https://example.org/astana-2005\r\n",
  ),
  agreements: csvText(
    "id,kind,title_en,title_ru,title_zh,lifecycle,counterparties,proposed,proposed_precision,signed,signed_precision,in_force,in_force_precision,ended,ended_precision,place,authorising_decision,consents_recorded,sources\r\n",
  ),
  consents: csvText("agreement,state,decision,date,precision,reference,sources\r\n"),
};

const popoloDate = z
  .string()
  .regex(/^[0-9]{4}(-[0-9]{2}){0,2}$/)
  .openapi({ example: "2005-07-05" });
const identifier = z.object({ scheme: z.string(), identifier: z.string() });

/** The Popolo document, as the contract documents it (the tests check it against Popolo's own schemas). */
export const PopoloSchema = z
  .object({
    meta: z.object({
      dataset_version: z.string().openapi({ description: "The change feed's cursor this document reflects" }),
      dataset_version_seq: z.number().int().openapi({ format: "int32" }),
      recorded_until: z.string().nullable().openapi({ description: "Time of the last change included" }),
      citation: z.string(),
      license: z.string(),
    }),
    organizations: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        classification: z.string(),
        parent_id: z.string().optional(),
        identifiers: z.array(identifier).optional(),
        links: z.array(z.object({ url: z.string(), note: z.string() })).optional(),
      }),
    ),
    persons: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        other_names: z.array(z.object({ name: z.string(), note: z.string() })).optional(),
      }),
    ),
    memberships: z.array(
      z.object({
        id: z.string(),
        organization_id: z.string(),
        person_id: z.string().optional(),
        member: z.object({ "@type": z.enum(["Organization", "Person"]), id: z.string() }).optional(),
        on_behalf_of_id: z.string().optional(),
        role: z.string(),
        label: z.string().optional(),
        start_date: popoloDate,
        end_date: popoloDate.optional(),
        sources: z.array(z.object({ url: z.string(), note: z.string().optional() })).optional(),
      }),
    ),
  })
  .openapi("PopoloExport");
