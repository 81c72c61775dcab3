import { z } from "@hono/zod-openapi";
import { AsRecordedOnQuery } from "../../lib/params";
import { publicDownload } from "../operations";
import { CSV_CONTENT, PopoloSchema } from "./exports.schemas";

const tags = ["Exports"];
const request = { query: z.object({ asRecordedOn: AsRecordedOnQuery }) };
const FROM_CURRENT =
  "Generated from the current record, streamed as it is read. `Dataset-Version` is the change feed's cursor it reflects (pass it to /v1/changes as `since` to sync from it); `Link: rel=\"cite-as\"` is where to cite it from. Dates as precise as they are known, with their precision in the next column; several values in one field (sources, counterparties) are separated by ` | `. The cite-as link carries `asRecordedOn` set to the latest recorded time of the file's facts: fetched later, it answers the same file. With `asRecordedOn`, the file as the registry recorded it then (the version tables); `Dataset-Version` and the cite-as link then name the latest recorded time by that moment (`r` and the instant, e.g. `r2026-12-01T080000000Z`; not a feed position), so they never change.";

const csv = (
  path: string,
  operationId: string,
  summary: string,
  content: (typeof CSV_CONTENT)[keyof typeof CSV_CONTENT],
  note?: string,
) =>
  publicDownload({
    path,
    operationId,
    tags,
    summary,
    description: note ? `${FROM_CURRENT} ${note}` : FROM_CURRENT,
    request,
    content,
    okDescription: "The CSV file (RFC 4180, UTF-8, one header row)",
  });

export const periods = csv(
  "/v1/exports/status-periods.csv",
  "exportStatusPeriods",
  "Every status period of every party, as CSV (the Correlates of War IGO shape)",
  CSV_CONTENT.periods,
);
export const events = csv(
  "/v1/exports/status-events.csv",
  "exportStatusEvents",
  "The status event log, as CSV",
  CSV_CONTENT.events,
);
export const agreements = csv(
  "/v1/exports/agreements.csv",
  "exportAgreements",
  "Every agreement with its dates and counterparties, as CSV",
  CSV_CONTENT.agreements,
);
export const consents = csv(
  "/v1/exports/consents.csv",
  "exportConsents",
  "Every member state's consent or objection to an agreement, as CSV",
  CSV_CONTENT.consents,
  "Consents are not versioned yet: `asRecordedOn` is answered 400 (`/problems/not-versioned`), and the cite-as link is the file's address.",
);

export const popolo = publicDownload({
  path: "/v1/exports/popolo.json",
  operationId: "exportPopolo",
  tags,
  summary: "The registry as Popolo: organisations, persons and memberships",
  description: `${FROM_CURRENT} Each status period is a Popolo Membership of the party (an Organization) in the SCO, with start_date and end_date; each term in the Secretariat's posts is a Membership of a Person in the SCO Secretariat. As recorded, the parties' memberships are those of the record then; organisations, persons and the Secretariat's terms are today's (not versioned), as \`meta.note\` says.`,
  request,
  content: { "application/json": { schema: PopoloSchema } },
  okDescription: "The Popolo JSON document",
});

export type PeriodsRoute = typeof periods;
export type EventsRoute = typeof events;
export type AgreementsRoute = typeof agreements;
export type ConsentsRoute = typeof consents;
export type PopoloRoute = typeof popolo;
