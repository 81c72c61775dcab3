/**
 * The dataset exports: each is read page by page from D1 (keyset pagination, exports.queries.ts)
 * and written to the client as it is read, so no table is ever held whole. The answer carries its
 * dataset version (the change feed's cursor): that version is also its ETag, so a revalidation is
 * answered 304 without reading the data, and a download can be cited and synced from exactly.
 *
 * With `asRecordedOn=T`, an export answers as the registry recorded it at T (the version tables,
 * src/db/versions.ts); its version then names that moment, not a feed position.
 *
 * Citing (Link: rel="cite-as"): the change feed's cursor cannot be turned back into a record — the
 * versions carry recorded times, not feed positions, and the feed's `at` is the database's clock
 * while recorded times are the Worker's. What reproduces a file exactly is its recorded time: the
 * current file is the record as recorded at the latest recorded time of its facts (the newest
 * version's recordedFrom), and every later write records a later time (at least 1 ms after every
 * version of its table, guarded in the write's batch: src/db/versions.ts). So the current file's cite-as link is
 * `?asRecordedOn=<that time>`, which answers the same bytes after any later correction (proved by
 * test/routes/exports.recorded.test.ts). consents.csv is not versioned and has no such link.
 */
import type { Context } from "hono";
import { refuseBeforeRecord } from "../../lib/as-recorded";
import { csvRecord } from "../../lib/csv";
import { encodeCursor } from "../../lib/pagination";
import { identifiersOf } from "../../lib/party-mappers";
import { ApiError } from "../../lib/problem";
import { sourceLinks } from "../../lib/sources";
import { keysetPages, textStream } from "../../lib/stream-pages";
import type { AppBindings, AppRouteHandler } from "../../types";
import {
  agreementsOf,
  consentsPage,
  datasetVersion,
  EXPORT_PAGE_SIZE,
  eventsOf,
  latestRecordedTime,
  partiesPage,
  periodsAsRecorded,
  periodsPage,
  personsPage,
  type RecordAsOf,
  termsPage,
} from "./exports.queries";
import type { AgreementsRoute, ConsentsRoute, EventsRoute, PeriodsRoute, PopoloRoute } from "./exports.routes";
import { agreementsCsv, type CsvShape, consentsCsv, eventsCsv, periodsCsv } from "./exports.schemas";

/** Raise when a file's columns or shape change, so that a client's cached copy is not revalidated as unchanged. */
const EXPORT_FORMAT = 1;
const LICENSE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)";

export const citation = (file: string, version: string, url: string, asRecordedOn?: string) =>
  `SCO Secretariat, SCO partner-relations registry: ${file}, ${asRecordedOn ? `as recorded on ${asRecordedOn}` : `dataset version ${version}`}. ${url}. ${LICENSE}.`;

interface Meta {
  version: string;
  /** the change feed's position (current record only) */
  seq: number | null;
  /** the time of the last change included (current), or the moment asked (as recorded) */
  at: string | null;
  asRecordedOn: string | null;
  citation: string;
}

/** Which versioned facts a file is made of (its recorded time), or null when they are not versioned. */
type Facts = "events" | "agreements" | null;

/** The version token of an export as recorded at `at`: the moment, without the characters a file name or the header's pattern refuse. */
const recordedVersion = (at: string) => `r${at.replace(/[:.]/g, "")}`;

async function download(
  c: Context<AppBindings>,
  asRecordedOn: string | undefined,
  file: string,
  contentType: string,
  facts: Facts,
  pieces: (meta: Meta, record: RecordAsOf) => AsyncIterable<string>,
) {
  const db = c.var.db;
  const url = new URL(c.req.url);
  const base = `${url.origin}${url.pathname}`;
  let meta: Omit<Meta, "citation">;
  let citeAs: string;
  // Everything that can refuse the request is decided here, before the 200 and its stream start.
  if (asRecordedOn !== undefined) {
    if (facts === null)
      throw new ApiError(400, {
        code: "not-versioned",
        detail: `${file} cannot be answered as recorded: its rows are not versioned yet (only the current record has them)`,
        extra: { errors: [{ path: "asRecordedOn", message: "not versioned", code: "custom" }] },
      });
    await refuseBeforeRecord(db, asRecordedOn);
    // The record at T is the record at the latest recorded time by T: named by that moment, the
    // version and the citation are fixed for good (later versions are recorded after it), even when
    // T is not (the end of today, say, before today's later corrections).
    const latest = await latestRecordedTime(db, facts);
    asRecordedOn = latest !== null && latest < asRecordedOn ? latest : asRecordedOn;
    meta = { version: recordedVersion(asRecordedOn), seq: null, at: asRecordedOn, asRecordedOn };
    citeAs = `${base}?asRecordedOn=${asRecordedOn}`;
  } else {
    const [{ seq, at }, latest] = await Promise.all([
      datasetVersion(db),
      facts === null ? null : latestRecordedTime(db, facts),
    ]);
    meta = { version: encodeCursor([seq]), seq, at, asRecordedOn: null };
    // The current record as recorded at its latest recorded time: the link that reproduces this file (see the top).
    citeAs = latest === null ? base : `${base}?asRecordedOn=${latest}`;
  }
  const { version } = meta;
  const [name, ext] = file.split(".") as [string, string];
  const full = { ...meta, citation: citation(file, version, citeAs, asRecordedOn) };
  const body = textStream(pieces(full, { asRecordedOn }));
  return c.body(body, 200, {
    "Content-Type": contentType,
    // The data changes only with the change feed (or, as recorded, never), so the version (and the files' format) identifies this representation.
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

/** The status periods: the read model (current), or derived from each party's log as recorded. */
const periodPages = (c: Context<AppBindings>, record: RecordAsOf) =>
  record.asRecordedOn !== undefined
    ? periodsAsRecorded(c.var.db, record.asRecordedOn)
    : keysetPages(
        (after: [string, number] | undefined, n) => periodsPage(c.var.db, after, n),
        (r): [string, number] => [r.period.partyId, r.period.startEventId],
        EXPORT_PAGE_SIZE,
      );

export const periods: AppRouteHandler<PeriodsRoute> = (c) =>
  download(c, c.req.valid("query").asRecordedOn, "status-periods.csv", CSV, "events", (_, record) =>
    csvPieces(periodsCsv, periodPages(c, record)),
  );

export const events: AppRouteHandler<EventsRoute> = (c) =>
  download(c, c.req.valid("query").asRecordedOn, "status-events.csv", CSV, "events", (_, record) =>
    csvPieces(
      eventsCsv,
      keysetPages(
        (after: number | undefined, n) => eventsOf(c.var.db, record, after, n),
        (r) => r.event.id,
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

export const agreements: AppRouteHandler<AgreementsRoute> = (c) =>
  download(c, c.req.valid("query").asRecordedOn, "agreements.csv", CSV, "agreements", (_, record) =>
    csvPieces(
      agreementsCsv,
      keysetPages(
        (after: string | undefined, n) => agreementsOf(c.var.db, record, after, n),
        (r) => r.agreement.id,
        EXPORT_PAGE_SIZE,
      ),
    ),
  );

export const consents: AppRouteHandler<ConsentsRoute> = (c) =>
  download(c, c.req.valid("query").asRecordedOn, "consents.csv", CSV, null, () =>
    csvPieces(
      consentsCsv,
      keysetPages(
        (after: [string, string] | undefined, n) => consentsPage(c.var.db, after, n),
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
    if (page.length === 0) continue;
    const text = page.map((r) => JSON.stringify(toJson(r))).join(",");
    yield state.first ? text : `,${text}`;
    state.first = false;
  }
}

async function* popoloPieces(c: Context<AppBindings>, meta: Meta, record: RecordAsOf) {
  const db = c.var.db;
  const pages = <K, R>(fetch: (after: K | undefined, n: number) => Promise<R[]>, key: (r: R) => K) =>
    keysetPages(fetch, key, EXPORT_PAGE_SIZE);
  const head = {
    dataset_version: meta.version,
    ...(meta.seq === null ? {} : { dataset_version_seq: meta.seq }),
    recorded_until: meta.at,
    ...(meta.asRecordedOn === null
      ? {}
      : {
          as_recorded_on: meta.asRecordedOn,
          note: "The parties' memberships as recorded then; organisations, persons and the Secretariat's terms are today's (not versioned).",
        }),
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
      (after: string | undefined, n) => partiesPage(db, after, n),
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
      (after: string | undefined, n) => personsPage(db, after, n),
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
    periodPages(c, record),
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
      (after: string | undefined, n) => termsPage(db, after, n),
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
  download(
    c,
    c.req.valid("query").asRecordedOn,
    "popolo.json",
    "application/json; charset=utf-8",
    "events",
    (meta, record) => popoloPieces(c, meta, record),
  );
