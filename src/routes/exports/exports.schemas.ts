/**
 * The exports' wire shapes: the CSV files' columns (one header row, the Correlates of War IGO
 * shape: party, organisation, status, start, end, precision, sources) and the Popolo document.
 */
import { z } from "@hono/zod-openapi";
import { type CsvValue, LIST_SEPARATOR, sourcesField } from "../../lib/csv";
import { int32, MAX, str, timestamp } from "../../lib/wire";
import type { agreementsOf, consentsPage, eventsOf, periodsPage } from "./exports.queries";

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

export const eventsCsv: CsvShape<Row<typeof eventsOf>> = {
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

export const agreementsCsv: CsvShape<Row<typeof agreementsOf>> = {
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

/** Ceilings the contract states for a whole export (OWASP API4): far above the registry's size, which is a few hundred rows. */
const MAX_ROWS = 1_000_000;
const MAX_CSV_BYTES = 500_000_000;

const csvText = (example: string) => ({
  "text/csv": {
    schema: z.string().openapi({ description: "RFC 4180, UTF-8, one header row", maxLength: MAX_CSV_BYTES, example }),
  },
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

const popoloDate = str(10)
  .regex(/^[0-9]{4}(-[0-9]{2}){0,2}$/)
  .openapi({ example: "2005-07-05" });
const id = () => str(200);
const link = z.object({ url: str(2000), note: str(2000).optional() });
const otherName = z.object({ name: str(MAX.name), note: str(10) });

/** The Popolo document, as the contract documents it (the tests check it against Popolo's own schemas). */
export const PopoloSchema = z
  .object({
    meta: z.object({
      dataset_version: str(64).openapi({
        description: "The change feed's cursor this document reflects (as recorded: `r` and the moment asked)",
      }),
      dataset_version_seq: int32()
        .optional()
        .openapi({ description: "The same position as a number (absent as recorded: no feed position)" }),
      recorded_until: timestamp()
        .nullable()
        .openapi({ description: "Time of the last change included (as recorded: the moment asked)" }),
      as_recorded_on: timestamp()
        .optional()
        .openapi({ description: "With asRecordedOn: the moment of the record this document answers from" }),
      note: str(500).optional().openapi({ description: "What the document as recorded takes from today's record" }),
      citation: str(1000),
      license: str(200),
    }),
    organizations: z
      .array(
        z.object({
          id: id(),
          name: str(300),
          classification: str(40),
          parent_id: id().optional(),
          other_names: z.array(otherName).max(10).optional(),
          identifiers: z
            .array(z.object({ scheme: str(40), identifier: str(40) }))
            .max(10)
            .optional(),
          links: z.array(link).max(10).optional(),
        }),
      )
      .max(MAX_ROWS),
    persons: z
      .array(z.object({ id: id(), name: str(MAX.name), other_names: z.array(otherName).max(10).optional() }))
      .max(MAX_ROWS),
    memberships: z
      .array(
        z.object({
          id: id(),
          organization_id: id(),
          person_id: id().optional(),
          member: z.object({ "@type": z.enum(["Organization", "Person"]), id: id() }).optional(),
          role: str(100),
          start_date: popoloDate,
          end_date: popoloDate.optional(),
          sources: z.array(link).max(20),
        }),
      )
      .max(MAX_ROWS),
  })
  .openapi("PopoloExport");
