import { env } from "cloudflare:workers";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { sourceText } from "../../src/lib/sources";
import { keysetPages } from "../../src/lib/stream-pages";
import { EXPORT_PAGE_SIZE, eventsPage } from "../../src/routes/exports/exports.queries";
import { PopoloDocument } from "../fixtures/popolo";
import {
  agreementAwaitingConsent,
  allItems,
  call,
  consent,
  createKey,
  draftAgreement,
  getJson,
  MEMBERS_2025,
  readFeed,
  send,
  uniqueId,
} from "../helpers";
import { counted } from "../helpers/d1-counter";
import { rows } from "../helpers/db";

type Row = Record<string, string>;
const SEP = " | ";

async function csv(path: string) {
  const res = await call(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
  const text = await res.text();
  // RFC 4180: CRLF after every record, the header row first; csv-parse is strict about quoting.
  expect(text.endsWith("\r\n")).toBe(true);
  const records = parse(text, { columns: true, record_delimiter: "\r\n" }) as Row[];
  return { res, text, records, header: text.slice(0, text.indexOf("\r\n")).split(",") };
}

const date = (d: { date: string; precision: string } | null) => [d?.date ?? "", d?.precision ?? ""];
const nullable = (v: string | null) => v ?? "";

/** The change feed's latest cursor, followed to its end. */
const latestCursor = async () => (await readFeed()).cursor;

describe("GET /v1/exports/*.csv parse back to the API's answers", () => {
  it("status-periods.csv: every party's periods, as its history answers them", async () => {
    const { records, header } = await csv("/v1/exports/status-periods.csv");
    expect(header.slice(0, 14)).toEqual([
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
    ]);
    const parties = [...new Set(records.map((r) => `${r.party_kind}/${r.party}`))];
    expect(parties.length).toBeGreaterThan(30);
    for (const p of parties) {
      const [kind, id] = p.split("/") as [string, string];
      const path = kind === "state" ? `/v1/states/${id}/history` : `/v1/organisations/${id}/history`;
      const { body } = await getJson(path);
      const fromApi = body.periods.map((x: any) => [
        id,
        x.status,
        ...date(x.from),
        ...date(x.to),
        String(x.startEventId),
        x.endEventId === null ? "" : String(x.endEventId),
      ]);
      const fromCsv = records
        .filter((r) => r.party === id)
        .map((r) => [
          r.party,
          r.status,
          r.start,
          r.start_precision,
          r.end,
          r.end_precision,
          r.start_event_id,
          r.end_event_id,
        ]);
      expect(fromCsv, id).toEqual(fromApi);
      // The period's sources are its opening event's (then its closing event's).
      const opening = body.events.find((e: any) => e.id === body.periods[0].startEventId);
      const firstSources = records.find((r) => r.party === id)?.sources ?? "";
      expect(firstSources.startsWith(opening.sources.map(sourceText).join(SEP))).toBe(true);
    }
    expect(records.every((r) => r.organisation === "SCO")).toBe(true);
  });

  it("status-events.csv: the event log, as /v1/status-events answers it", async () => {
    const { records } = await csv("/v1/exports/status-events.csv");
    const events = await allItems("/v1/status-events?limit=200");
    const fromApi = events
      .map((e: any) => [
        String(e.id),
        e.party,
        e.partyKind,
        e.status,
        e.kind,
        ...date(e.effective),
        nullable(e.decision),
        nullable(e.body),
        nullable(e.place),
        nullable(e.note),
        e.sources.map(sourceText).join(SEP),
      ])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    const fromCsv = records.map((r) => [
      r.id,
      r.party,
      r.party_kind,
      r.status,
      r.kind,
      r.date,
      r.precision,
      r.decision,
      r.body,
      r.place,
      r.note,
      r.sources,
    ]);
    expect(fromCsv).toEqual(fromApi);
  });

  it("agreements.csv: every agreement with its dates, counterparties and sources, as /v1/agreements answers it", async () => {
    const { key } = await createKey("editor");
    await draftAgreement(key, { proposed: "2026-03", sources: ['A "quoted", comma source\nover two lines'] });
    const { records } = await csv("/v1/exports/agreements.csv");
    const agreements = await allItems("/v1/agreements?limit=200");
    const fromApi = agreements.map((a: any) => [
      a.id,
      a.kind,
      a.title.en,
      nullable(a.title.ru),
      nullable(a.title.zh),
      a.lifecycle,
      a.counterparties
        .map((c: any) => c.id)
        .sort()
        .join(SEP),
      ...date(a.proposed),
      ...date(a.signed),
      ...date(a.inForce),
      ...date(a.ended),
      nullable(a.place),
      nullable(a.authorisingDecision),
      String(a.consentsRecorded),
      a.sources.map(sourceText).join(SEP),
    ]);
    expect(records.map((r) => Object.values(r))).toEqual(fromApi);
    expect(records.some((r) => r.sources === 'A "quoted", comma source\nover two lines')).toBe(true);
  });

  it("consents.csv: every consent and objection, as each agreement's consents answer them", async () => {
    const { key } = await createKey("editor");
    const { id } = await agreementAwaitingConsent(key, "2026-12-10");
    for (const state of MEMBERS_2025.slice(0, 3))
      expect((await consent(key, id, state, "2026-11-20")).status).toBe(201);
    expect((await consent(key, id, MEMBERS_2025[3]!, "2026-11-21", "objection")).status).toBe(201);
    const { records } = await csv("/v1/exports/consents.csv");
    const ids = [...new Set(records.map((r) => r.agreement))];
    expect(ids).toContain(id);
    for (const agreement of ids) {
      const { body } = await getJson(`/v1/agreements/${agreement}/consents`);
      const fromApi = body.consents.map((c: any) => [
        agreement,
        c.state,
        c.decision,
        c.date,
        "day",
        nullable(c.reference),
        nullable(c.source),
      ]);
      expect(records.filter((r) => r.agreement === agreement).map((r) => Object.values(r))).toEqual(fromApi);
    }
  });
});

describe("GET /v1/exports/popolo.json", () => {
  it("is a Popolo document whose memberships are the status periods and the Secretariat's terms", async () => {
    const res = await call("/v1/exports/popolo.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const doc = PopoloDocument.parse(await res.json());
    const orgIds = new Set(doc.organizations.map((o) => o.id));
    const personIds = new Set(doc.persons.map((p) => p.id));
    expect(orgIds.size).toBe(doc.organizations.length);
    for (const m of doc.memberships) {
      expect(orgIds.has(m.organization_id!), m.id!).toBe(true);
      if (m.member) expect(orgIds.has(m.member.id)).toBe(true);
      if (m.person_id) expect(personIds.has(m.person_id)).toBe(true);
    }
    const periods = (await csv("/v1/exports/status-periods.csv")).records;
    const asMemberships = doc.memberships.filter((m) => m.member);
    expect(asMemberships.map((m) => [m.member!.id, m.role, m.start_date, m.end_date ?? ""])).toEqual(
      periods.map((p) => [p.party, p.status, p.start, p.end]),
    );
    const { body: leadership } = await getJson("/v1/secretariat/leadership");
    const sg = leadership.secretaryGeneral[0];
    expect(doc.persons).toContainEqual(expect.objectContaining({ id: sg.person.id, name: sg.person.name }));
    expect(doc.memberships).toContainEqual(
      expect.objectContaining({ id: `term/${sg.id}`, person_id: sg.person.id, start_date: sg.start.date }),
    );
    const iran = doc.organizations.find((o) => o.id === "IRN")!;
    const { body: state } = await getJson("/v1/states/IRN");
    expect(iran.identifiers).toContainEqual({ scheme: "wikidata", identifier: state.identifiers.wikidata });
    expect(iran.identifiers).toContainEqual({ scheme: "un-m49", identifier: state.identifiers.m49 });
  });
});

describe("the exports' version, citation and caching", () => {
  it("carry the change feed's latest cursor as their version and ETag, a cite-as link, and answer 304 until a write", async () => {
    const path = "/v1/exports/status-events.csv";
    const first = await call(path);
    await first.body?.cancel();
    const version = await latestCursor();
    expect(first.headers.get("Dataset-Version")).toBe(version);
    expect(first.headers.get("ETag")).toBe(`W/"status-events-f1-${version}"`);
    // Cited as recorded at the latest recorded time of its facts (the newest event version): see exports.recorded.test.ts.
    const [latest] = await rows<{ t: string }>("SELECT max(recorded_from) AS t FROM status_event_versions");
    expect(first.headers.get("Link")).toBe(
      `<http://registry.test/v1/exports/status-events.csv?asRecordedOn=${latest!.t}>; rel="cite-as"`,
    );
    expect(first.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+/);
    expect(first.headers.get("Content-Disposition")).toBe(`attachment; filename="sco-status-events-${version}.csv"`);
    const again = await call(path, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const popolo = await getJson("/v1/exports/popolo.json");
    expect(popolo.body.meta).toMatchObject({ dataset_version: version, citation: expect.stringContaining(version) });

    await draftAgreement((await createKey("editor")).key);
    const after = await call(path, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(after.status).toBe(200);
    expect(after.headers.get("Dataset-Version")).not.toBe(version);
    await after.body?.cancel();
  });

  it("stream: the answer starts before the rows are read, and the rows are read a page at a time", async () => {
    // Sent with a bookmark, which the edge cache leaves alone: otherwise it would read the whole stream to store it.
    const { key } = await createKey("editor");
    const draft = { id: uniqueId("agr"), kind: "other", title: { en: "Bookmark fixture" }, counterparties: ["asean"] };
    const write = await send("POST", "/v1/agreements", { ...draft, sources: ["Test fixture"] }, key);
    const bookmark = write.headers.get("X-D1-Bookmark")!;
    const { res, queries } = await counted("/v1/exports/status-events.csv", { headers: { "X-D1-Bookmark": bookmark } });
    expect(res.status).toBe(200);
    expect(queries).toBe(2); // only the dataset version and the latest recorded time: no row has been read yet
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toMatch(/^id,party,party_kind,/);
    while (!(await reader.read()).done);
  });

  it("read by keyset pages: every row once, in order, no page larger than asked", async () => {
    const db = createDb(env.DB);
    const pageSize = 7;
    const pages = [];
    for await (const page of keysetPages(
      (after: number | undefined, n) => eventsPage(db, after, n),
      (r) => r.event.id,
      pageSize,
    ))
      pages.push(page);
    const all = await eventsPage(db, undefined, 100_000);
    expect(pages.length).toBe(Math.ceil(all.length / pageSize));
    expect(pages.every((p) => p.length <= pageSize)).toBe(true);
    expect(pages.flat().map((r) => r.event.id)).toEqual(all.map((r) => r.event.id));
    expect(EXPORT_PAGE_SIZE).toBeLessThanOrEqual(200);
  });
});
