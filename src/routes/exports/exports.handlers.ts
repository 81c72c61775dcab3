/**
 * The dataset exports: each is read page by page from D1 (keyset pagination, exports.queries.ts)
 * and written to the client as it is read, so no table is ever held whole. The answer carries its
 * dataset version (the change feed's cursor): that version is also its ETag, so a revalidation is
 * answered 304 without reading the data, and a download can be cited and synced from exactly.
 */
import type { Context } from "hono";
import { csvRecord } from "../../lib/csv";
import { encodeCursor } from "../../lib/pagination";
import { identifiersOf } from "../../lib/party-mappers";
import { sourceLinks } from "../../lib/sources";
import { keysetPages, textStream } from "../../lib/stream-pages";
import type { AppBindings, AppRouteHandler } from "../../types";
import {
  agreementsPage,
  consentsPage,
  datasetVersion,
  EXPORT_PAGE_SIZE,
  eventsPage,
  partiesPage,
  periodsPage,
  personsPage,
  type RecordAsOf,
  termsPage,
} from "./exports.queries";
import type { AgreementsRoute, ConsentsRoute, EventsRoute, PeriodsRoute, PopoloRoute } from "./exports.routes";
import { agreementsCsv, type CsvShape, consentsCsv, eventsCsv, periodsCsv } from "./exports.schemas";

/** The record every export reads today: the current one (see RecordAsOf for `asRecordedOn`). */
const CURRENT: RecordAsOf = {};
/** Raise when a file's columns or shape change, so that a client's cached copy is not revalidated as unchanged. */
const EXPORT_FORMAT = 1;
const LICENSE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)";

export const citation = (file: string, version: string, url: string) =>
  `SCO Secretariat, SCO partner-relations registry: ${file}, dataset version ${version}. ${url}. ${LICENSE}.`;

async function download(
  c: Context<AppBindings>,
  file: string,
  contentType: string,
  pieces: (meta: { version: string; seq: number; at: string | null; citation: string }) => AsyncIterable<string>,
) {
  const { seq, at } = await datasetVersion(c.var.db);
  const version = encodeCursor([seq]);
  const url = new URL(c.req.url);
  const citeAs = `${url.origin}${url.pathname}`;
  const [name, ext] = file.split(".") as [string, string];
  const body = textStream(pieces({ version, seq, at, citation: citation(file, version, citeAs) }));
  return c.body(body, 200, {
    "Content-Type": contentType,
    // The data changes only with the change feed, so its position (and the files' format) identifies this representation.
    ETag: `W/"${name}-f${EXPORT_FORMAT}-${version}"`,
    "Dataset-Version": version,
    Link: `<${citeAs}>; rel="cite-as"`,
    "Content-Disposition": `attachment; filename="sco-${name}-${version}.${ext}"`,
  });
}

async function* csvPieces<R>(shape: CsvShape<R>, pages: AsyncIterable<R[]>) {
  yield csvRecord(shape.columns);
  for await (const page of pages) yield page.map((row) => csvRecord(shape.record(row))).join("");
}

/** RFC 4180's media type, with its `header` parameter: the first record names the columns. */
const CSV = "text/csv; charset=utf-8; header=present";

export const periods: AppRouteHandler<PeriodsRoute> = (c) =>
  download(c, "status-periods.csv", CSV, () =>
    csvPieces(
      periodsCsv,
      keysetPages(
        (after: [string, number] | undefined, n) => periodsPage(c.var.db, CURRENT, after, n),
        (r): [string, number] => [r.period.partyId, r.period.startEventId],
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

export const events: AppRouteHandler<EventsRoute> = (c) =>
  download(c, "status-events.csv", CSV, () =>
    csvPieces(
      eventsCsv,
      keysetPages(
        (after: number | undefined, n) => eventsPage(c.var.db, CURRENT, after, n),
        (r) => r.event.id,
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

export const agreements: AppRouteHandler<AgreementsRoute> = (c) =>
  download(c, "agreements.csv", CSV, () =>
    csvPieces(
      agreementsCsv,
      keysetPages(
        (after: string | undefined, n) => agreementsPage(c.var.db, CURRENT, after, n),
        (r) => r.agreement.id,
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

export const consents: AppRouteHandler<ConsentsRoute> = (c) =>
  download(c, "consents.csv", CSV, () =>
    csvPieces(
      consentsCsv,
      keysetPages(
        (after: [string, string] | undefined, n) => consentsPage(c.var.db, CURRENT, after, n),
        (r): [string, string] => [r.agreementId, r.stateId],
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

/** Popolo ids of the SCO and its Secretariat: a slash never appears in a party's id, so they cannot collide. */
export const SCO_ORG = "org/sco";
export const SECRETARIAT_ORG = "org/sco-secretariat";
const POST_ROLE = { secretary_general: "Secretary-General", deputy_secretary_general: "Deputy Secretary-General" };

/** JSON items, comma-separated across pages: `first` says whether the section is still empty. */
async function* items<R>(pages: AsyncIterable<R[]>, toJson: (row: R) => unknown, state: { first: boolean }) {
  for await (const page of pages) {
    const text = page.map((r) => JSON.stringify(toJson(r))).join(",");
    yield state.first ? text : `,${text}`;
    state.first = false;
  }
}

async function* popoloPieces(
  c: Context<AppBindings>,
  meta: { version: string; seq: number; at: string | null; citation: string },
) {
  const db = c.var.db;
  const pages = <K, R>(fetch: (after: K | undefined, n: number) => Promise<R[]>, key: (r: R) => K) =>
    keysetPages(fetch, key, EXPORT_PAGE_SIZE);
  const head = {
    dataset_version: meta.version,
    dataset_version_seq: meta.seq,
    recorded_until: meta.at,
    citation: meta.citation,
    license: LICENSE,
  };
  const sco = { id: SCO_ORG, name: "Shanghai Cooperation Organisation", classification: "international organisation" };
  const secretariat = {
    id: SECRETARIAT_ORG,
    name: "SCO Secretariat",
    classification: "secretariat",
    parent_id: SCO_ORG,
  };
  yield `{"meta":${JSON.stringify(head)},"organizations":[${JSON.stringify(sco)},${JSON.stringify(secretariat)}`;
  yield* items(
    pages(
      (after: string | undefined, n) => partiesPage(db, CURRENT, after, n),
      (p) => p.id,
    ),
    (p) => {
      const ids = identifiersOf(p);
      return {
        id: p.id,
        name: p.fullNameEn ?? p.nameEn,
        classification: p.kind === "state" ? "state" : "international organisation",
        other_names: [
          { name: p.nameEn, note: "en" },
          { name: p.nameRu, note: "ru" },
          { name: p.nameZh, note: "zh" },
        ],
        identifiers: [
          ["wikidata", ids.wikidata],
          ["iso3166-1-alpha-2", ids.iso3166Alpha2],
          ["iso3166-1-alpha-3", ids.iso3166Alpha3],
          ["un-m49", ids.m49],
        ].flatMap(([scheme, identifier]) => (identifier ? [{ scheme, identifier }] : [])),
        ...(ids.website ? { links: [{ url: ids.website, note: "official site" }] } : {}),
      };
    },
    { first: false },
  );
  yield `],"persons":[`;
  yield* items(
    pages(
      (after: string | undefined, n) => personsPage(db, CURRENT, after, n),
      (p) => p.personId,
    ),
    (p) => ({
      id: p.personId,
      name: p.nameEn,
      other_names: [
        ...(p.nameRu ? [{ name: p.nameRu, note: "ru" }] : []),
        ...(p.nameZh ? [{ name: p.nameZh, note: "zh" }] : []),
      ],
    }),
    { first: true },
  );
  yield `],"memberships":[`;
  const section = { first: true };
  yield* items(
    pages(
      (after: [string, number] | undefined, n) => periodsPage(db, CURRENT, after, n),
      (r) => [r.period.partyId, r.period.startEventId] as [string, number],
    ),
    ({ period: p, startSources }) => ({
      id: `period/${p.partyId}/${p.startEventId}`,
      organization_id: SCO_ORG,
      member: { "@type": "Organization", id: p.partyId },
      role: p.status,
      start_date: p.fromDate,
      ...(p.toDate ? { end_date: p.toDate } : {}),
      sources: sourceLinks(startSources),
    }),
    section,
  );
  yield* items(
    pages(
      (after: string | undefined, n) => termsPage(db, CURRENT, after, n),
      (t) => t.id,
    ),
    (t) => ({
      id: `term/${t.id}`,
      person_id: t.personId,
      organization_id: SECRETARIAT_ORG,
      role: t.title ?? POST_ROLE[t.post],
      start_date: t.startDate,
      ...(t.endDate ? { end_date: t.endDate } : {}),
      sources: sourceLinks(t.sources),
    }),
    section,
  );
  yield "]}";
}

export const popolo: AppRouteHandler<PopoloRoute> = (c) =>
  download(c, "popolo.json", "application/json; charset=utf-8", (meta) => popoloPieces(c, meta));
