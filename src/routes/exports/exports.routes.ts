import { z } from "@hono/zod-openapi";
import { publicDownload } from "../operations";
import { CSV_CONTENT, PopoloSchema } from "./exports.schemas";

const tags = ["Exports"];
const request = { query: z.object({}) };
const FROM_CURRENT =
  'Generated from the current record, streamed as it is read. `Dataset-Version` is the change feed\'s cursor it reflects (pass it to /v1/changes as `since` to sync from it); `Link: rel="cite-as"` is where to cite it from. Dates as precise as they are known, with their precision in the next column; several values in one field (sources, counterparties) are separated by ` | `.';

const csv = (
  path: string,
  operationId: string,
  summary: string,
  content: (typeof CSV_CONTENT)[keyof typeof CSV_CONTENT],
) =>
  publicDownload({
    path,
    operationId,
    tags,
    summary,
    description: FROM_CURRENT,
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
);

export const popolo = publicDownload({
  path: "/v1/exports/popolo.json",
  operationId: "exportPopolo",
  tags,
  summary: "The registry as Popolo: organisations, persons and memberships",
  description: `${FROM_CURRENT} Each status period is a Popolo Membership of the party (an Organization) in the SCO, with start_date and end_date; each term in the Secretariat's posts is a Membership of a Person in the SCO Secretariat.`,
  request,
  content: { "application/json": { schema: PopoloSchema } },
  okDescription: "The Popolo JSON document",
});

export type PeriodsRoute = typeof periods;
export type EventsRoute = typeof events;
export type AgreementsRoute = typeof agreements;
export type ConsentsRoute = typeof consents;
export type PopoloRoute = typeof popolo;
