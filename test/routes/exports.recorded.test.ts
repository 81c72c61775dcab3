/**
 * The dataset exports as recorded (issue 11): `asRecordedOn` on every export, and a cite-as link
 * that fetches the same file again after later corrections. Isolated (test/vitest.config.ts): it
 * corrects and retracts events of real parties. No wall clock: every moment is a recorded time
 * read back from the API (the cite-as link, the versions a correction answers).
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { StatusEventRecordSchema } from "../../src/lib/record-schemas";
import { sourceText } from "../../src/lib/sources";
import { call, createKey, draftAgreement, expectProblem, getJson, send } from "../helpers";

const FILES = ["status-events.csv", "status-periods.csv", "agreements.csv", "popolo.json"] as const;
const src = (title: string) => ({ title, publisher: "Test publisher", kind: "official_document" as const });

/** An export's bytes and the headers that name and cite it. */
async function download(path: string) {
  const res = await call(path);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const link = res.headers.get("Link")!;
  const citeAs = /^<([^>]+)>; rel="cite-as"$/.exec(link)?.[1];
  expect(citeAs, link).toBeDefined();
  return { res, text, citeAs: citeAs!, version: res.headers.get("Dataset-Version")! };
}

/** A cite-as URL as a path the test Worker answers, and the moment it names. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return { path: `${u.pathname}${u.search}`, at: u.searchParams.get("asRecordedOn") };
};

/** Popolo without its `meta`, which names how the document was asked for (a feed position or a moment). */
const popoloData = (text: string) => {
  const { meta, ...data } = JSON.parse(text);
  return { meta, data };
};

async function eventOf(party: string, kind: string) {
  const { body } = await getJson(`/v1/status-events?party=${party}&kind=${kind}`);
  const { body: record } = await getJson(`/v1/status-events/${body.items[0].id}`);
  return StatusEventRecordSchema.parse(record);
}

/** status-events.csv rows of one party, as the history read answers its events. */
async function expectEventsMatchHistory(code: string, asRecordedOn: string) {
  const q = `asRecordedOn=${encodeURIComponent(asRecordedOn)}`;
  const { text } = await download(`/v1/exports/status-events.csv?${q}`);
  const records = parse(text, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
  const fromCsv = records
    .filter((r) => r.party === code)
    .map((r) => [r.id, r.status, r.kind, r.date, r.precision, r.decision, r.body, r.place, r.note, r.sources]);
  const history = (await getJson(`/v1/states/${code}/history?${q}`)).body;
  const fromApi = history.events
    // biome-ignore lint/suspicious/noExplicitAny: the history's wire shape, checked field by field
    .map((e: any) => [
      String(e.id),
      e.status,
      e.kind,
      e.effective.date,
      e.effective.precision,
      e.decision ?? "",
      e.body ?? "",
      e.place ?? "",
      e.note ?? "",
      e.sources.map(sourceText).join(" | "),
    ])
    .sort((a: string[], b: string[]) => Number(a[0]) - Number(b[0]));
  expect(fromApi.length).toBeGreaterThan(0);
  expect(fromCsv, `${code} as recorded on ${asRecordedOn}`).toEqual(fromApi);
}

describe("GET /v1/exports/*?asRecordedOn", () => {
  it("the current file's cite-as link answers the same bytes, and names the moment it reproduces", async () => {
    for (const file of FILES) {
      const current = await download(`/v1/exports/${file}`);
      const { path, at } = pathOf(current.citeAs);
      expect(path.startsWith(`/v1/exports/${file}?asRecordedOn=`), current.citeAs).toBe(true);
      const cited = await download(path);
      // The version names the moment: `r` and the instant, in the ETag and the file name too.
      expect(cited.version).toBe(`r${at!.replace(/[:.]/g, "")}`);
      expect(cited.res.headers.get("ETag")).toBe(`W/"${file.split(".")[0]}-f1-${cited.version}"`);
      expect(cited.citeAs).toBe(current.citeAs);
      if (file === "popolo.json") {
        expect(popoloData(cited.text).data).toEqual(popoloData(current.text).data);
        expect(popoloData(cited.text).meta).toMatchObject({ as_recorded_on: at, dataset_version: cited.version });
      } else expect(cited.text, file).toBe(current.text);
    }
  });

  it("after a correction and a retraction: as recorded before them, byte for byte the files from before; now, the corrected record", async () => {
    const editor = await createKey("editor", "IR department");
    const before = Object.fromEntries(
      await Promise.all(FILES.map(async (f) => [f, await download(`/v1/exports/${f}`)] as const)),
    );
    const t0 = pathOf(before["status-events.csv"]!.citeAs).at!;
    const accession = await eventOf("IRN", "accession");
    const launched = await eventOf("KHM", "procedure_launched");
    // Every version is recorded at least 1 ms after every version of its table so far
    // (src/db/versions.ts): the writes below are recorded after t0, and in their order, by rule.

    const corrected = await send(
      "POST",
      `/v1/status-events/${accession.id}/corrections`,
      { date: "2023-07-20", reason: "Test: the accession took effect later", sources: [src("Test note verbale")] },
      editor.key,
      { "If-Match": `"${accession.version}"` },
    );
    expect(corrected.status, await corrected.clone().text()).toBe(200);
    const correctedAt = StatusEventRecordSchema.parse(await corrected.json()).versions.at(-1)!.recordedFrom;
    const retracted = await send(
      "POST",
      `/v1/status-events/${launched.id}/retraction`,
      { reason: "Test: recorded in error", sources: [src("Test source")] },
      editor.key,
      { "If-Match": `"${launched.version}"` },
    );
    expect(retracted.status, await retracted.clone().text()).toBe(200);
    const retractedAt = StatusEventRecordSchema.parse(await retracted.json()).versions.at(-1)!.recordedFrom;
    expect(correctedAt > t0 && retractedAt > correctedAt).toBe(true);
    // And an agreement drafted now is recorded after the agreements file's cited moment.
    const drafted = await draftAgreement(editor.key);

    // As recorded at t0 (each file's own cite-as link from before): the same bytes as then.
    for (const file of FILES) {
      const cited = await download(pathOf(before[file]!.citeAs).path);
      if (file === "popolo.json") expect(popoloData(cited.text).data).toEqual(popoloData(before[file]!.text).data);
      else expect(cited.text, file).toBe(before[file]!.text);
    }

    // Now: the correction is in, the retracted event is gone, and the files changed accordingly.
    const now = await download("/v1/exports/status-events.csv");
    const rowOf = (text: string, id: number) => text.split("\r\n").find((l) => l.startsWith(`${id},`));
    expect(rowOf(before["status-events.csv"]!.text, accession.id)).toContain(",2023-07-04,day,");
    expect(rowOf(now.text, accession.id)).toContain(",2023-07-20,day,");
    expect(rowOf(before["status-events.csv"]!.text, launched.id)).toBeDefined();
    expect(rowOf(now.text, launched.id)).toBeUndefined();
    const periodsNow = (await download("/v1/exports/status-periods.csv")).text;
    expect(periodsNow).toContain(`IRN,state,Iran`);
    expect(periodsNow).not.toBe(before["status-periods.csv"]!.text);
    expect(periodsNow.split("\r\n").find((l) => l.startsWith("IRN,") && l.includes(",member,"))).toContain(
      ",2023-07-20,day,",
    );

    // Between the two writes: the correction is recorded, the retraction not yet.
    const between = await download(`/v1/exports/status-events.csv?asRecordedOn=${correctedAt}`);
    expect(rowOf(between.text, accession.id)).toContain(",2023-07-20,day,");
    expect(rowOf(between.text, launched.id)).toBeDefined();
    const agreementsNow = await download("/v1/exports/agreements.csv");
    expect(agreementsNow.text).toContain(`\r\n${drafted.body.id},`);
    expect(before["agreements.csv"]!.text).not.toContain(`\r\n${drafted.body.id},`);
    expect((await download(pathOf(agreementsNow.citeAs).path)).text).toBe(agreementsNow.text);

    // The current file's cite-as link now names the retraction's time, and reproduces the current bytes.
    expect(pathOf(now.citeAs).at).toBe(retractedAt);
    // A day (its end) after the latest recorded time is named, and cited, by that time: the answer
    // is the same, and, named so, cannot change with a write later that day.
    const day = await download(`/v1/exports/status-events.csv?asRecordedOn=${retractedAt.slice(0, 10)}`);
    expect(day.text).toBe(now.text);
    expect(day.citeAs).toBe(now.citeAs);
    expect(day.version).toBe(`r${retractedAt.replace(/[:.]/g, "")}`);
    expect((await download(pathOf(now.citeAs).path)).text).toBe(now.text);

    // status-events.csv as recorded parses back to the history as recorded, for the parties touched.
    for (const at of [t0, correctedAt, retractedAt])
      for (const code of ["IRN", "KHM"]) await expectEventsMatchHistory(code, at);
  });

  it("a malformed, future or pre-record asRecordedOn is a 400 problem; consents are not versioned", async () => {
    for (const file of [...FILES, "consents.csv"]) {
      for (const bad of ["yesterday", "2026-13-01", "2026-12-01T08:00:00", "9999-01-01", "9999-01-01T00:00:00Z"])
        await expectProblem(await call(`/v1/exports/${file}?asRecordedOn=${encodeURIComponent(bad)}`), 400);
    }
    for (const file of FILES) {
      const problem = await expectProblem(await call(`/v1/exports/${file}?asRecordedOn=2000-01-01`), 400);
      expect(problem).toMatchObject({ type: "/problems/before-the-record", recordBegins: expect.any(String) });
    }
    const recorded = pathOf((await download("/v1/exports/status-events.csv")).citeAs).at!;
    const problem = await expectProblem(await call(`/v1/exports/consents.csv?asRecordedOn=${recorded}`), 400);
    expect(problem).toMatchObject({ type: "/problems/not-versioned" });
    // Its current file is cited at its own address: there is no recorded time to reproduce it from.
    const consents = await download("/v1/exports/consents.csv");
    expect(consents.citeAs).toBe("http://registry.test/v1/exports/consents.csv");
  });
});
