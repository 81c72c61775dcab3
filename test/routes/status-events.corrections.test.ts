/**
 * Corrections over time (issue 11): a correction or retraction never overwrites, answers "as
 * recorded on" an earlier moment stay as they were, and the read models follow the current record.
 * No wall clock: every moment asked about is a recorded time read back from the API.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { periodRows } from "../../src/db/period-rows";
import {
  agreements,
  parties,
  statusCounts,
  statusCountsDerived,
  statusEvents,
  statusPeriods,
} from "../../src/db/schema";
import { decodeRecord } from "../../src/db/versions";
import { logOrder } from "../../src/domain/periods";
import { toEventInput } from "../../src/lib/party-mappers";
import { StatusEventRecordSchema } from "../../src/lib/record-schemas";
import { ADMIN_TOKEN, call, createKey, expectProblem, getJson, readFeed, send } from "../helpers";
import { count, rows } from "../helpers/db";

/** A structured source (src/domain/evidence.ts), as the department sends it. */
const src = (title: string) => ({ title, publisher: "Test publisher", kind: "official_document" as const });

const db = () => createDb(env.DB);

async function eventOf(party: string, kind: string) {
  const { body } = await getJson(`/v1/status-events?party=${party}&kind=${kind}`);
  const event = body.items[0];
  expect(event, `${party} ${kind}`).toBeDefined();
  const { res, body: record } = await getJson(`/v1/status-events/${event.id}`);
  expect(res.status).toBe(200);
  const parsed = StatusEventRecordSchema.parse(record);
  expect(res.headers.get("ETag")).toBe(`"${parsed.version}"`);
  return parsed;
}

const correct = (id: number, key: string, body: unknown, ifMatch?: string) =>
  send("POST", `/v1/status-events/${id}/corrections`, body, key, ifMatch ? { "If-Match": ifMatch } : {});

/** What a write touches, counted. */
const tables = async () => ({
  events: await count("status_events"),
  versions: await count("status_event_versions"),
  periods: await count("status_periods"),
  audit: await count("audit_log"),
  changes: await count("changes"),
});

/** status_periods = the period rule over status_events, parties.periods = status_periods, status_counts = its view. */
async function expectReadModelsConsistent() {
  const events = await db().select().from(statusEvents);
  const stored = await db().select().from(statusPeriods);
  const partyRows = await db().select().from(parties);
  const byStart = (a: { startEventId: number }, b: { startEventId: number }) => a.startEventId - b.startEventId;
  for (const party of partyRows) {
    const log = events.filter((e) => e.partyId === party.id).sort(logOrder);
    const derived = periodRows(party.id, party.kind, log.map(toEventInput));
    const mine = stored.filter((p) => p.partyId === party.id);
    expect(mine.sort(byStart), party.id).toEqual(derived.sort(byStart));
    const bounds = derived.map(({ partyId, partyKind, nextStatus, ...b }) => b);
    expect(JSON.parse(party.periods).sort(byStart), party.id).toEqual(bounds);
  }
  expect(await db().select().from(statusCounts).orderBy(statusCounts.status, statusCounts.fromDay)).toEqual(
    await db().select().from(statusCountsDerived).orderBy(statusCountsDerived.status, statusCountsDerived.fromDay),
  );
}

describe("the data migration is the first version of everything", () => {
  it("every status event has one open version 1 whose record is the row", async () => {
    const events = await db().select().from(statusEvents);
    const versions = await rows<{ event_id: number; version: number; record: string; recorded_until: string | null }>(
      "SELECT event_id, version, record, recorded_until FROM status_event_versions",
    );
    expect(events.length).toBeGreaterThan(30);
    for (const e of events) {
      const open = versions.filter((v) => v.event_id === e.id && v.recorded_until === null);
      expect(open.length, `event ${e.id}`).toBe(1);
      expect(decodeRecord(statusEvents, open[0]!.record)).toEqual(e);
    }
  });
});

describe("POST /v1/status-events/{id}/corrections", () => {
  it("changes the current answer but not the answer as recorded before it; history lists it with its reason", async () => {
    const editor = await createKey("editor", "IR department");
    const event = await eventOf("IRN", "accession");
    expect(event.current!.effective).toEqual({ date: "2023-07-04", precision: "day" });
    const before = event.versions[0]!.recordedFrom;
    const status = (q: string) => getJson(`/v1/states/IRN/status?at=2023-07-10${q}`);
    expect((await status("")).body.status).toBe("member");

    const res = await correct(
      event.id,
      editor.key,
      { date: "2023-07-20", reason: "Test: the accession took effect later", sources: [src("Test note verbale")] },
      `"${event.version}"`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const corrected = StatusEventRecordSchema.parse(await res.json());
    expect(res.headers.get("ETag")).toBe(`"${event.version + 1}"`);
    const recordedAt = corrected.versions.at(-1)!.recordedFrom;
    expect(recordedAt > before).toBe(true);
    expect(corrected.versions.at(-2)!.recordedUntil).toBe(recordedAt);

    // Now: observer on 2023-07-10. As recorded before the correction: member, as it was answered then.
    expect((await status("")).body.status).toBe("observer");
    const then = (await status(`&asRecordedOn=${before}`)).body;
    expect(then).toMatchObject({ status: "member", record: { asRecordedOn: before, latestRecordedAt: before } });
    const after = (await status(`&asRecordedOn=${recordedAt}`)).body;
    expect(after).toMatchObject({ status: "observer", record: { asRecordedOn: recordedAt } });
    // Without asRecordedOn the answer carries no record field (unchanged behaviour).
    expect((await status("")).body.record).toBeUndefined();

    const history = (await getJson("/v1/states/IRN/history")).body;
    expect(history.corrections).toEqual([
      expect.objectContaining({
        eventId: event.id,
        action: "correction",
        recordedAt,
        recordedBy: "IR department",
        reason: "Test: the accession took effect later",
        sources: [src("Test note verbale")],
        before: expect.objectContaining({ effective: { date: "2023-07-04", precision: "day" } }),
        after: expect.objectContaining({ effective: { date: "2023-07-20", precision: "day" } }),
      }),
    ]);
    const oldHistory = (await getJson(`/v1/states/IRN/history?asRecordedOn=${before}`)).body;
    expect(oldHistory.corrections).toEqual([]);
    expect(oldHistory.events.find((e: { id: number }) => e.id === event.id).effective.date).toBe("2023-07-04");

    // The member lists of that day, now and as recorded before.
    const members = async (q: string) =>
      (await getJson(`/v1/states?status=member&at=2023-07-10${q}`)).body.items.map((i: { code: string }) => i.code);
    expect(await members("")).not.toContain("IRN");
    expect(await members(`&asRecordedOn=${before}`)).toContain("IRN");
    const roster = async (q: string) => (await getJson(`/v1/roster?at=2023-07-10${q}`)).body.counts;
    const [nowCounts, thenCounts] = [await roster(""), await roster(`&asRecordedOn=${before}`)];
    expect(thenCounts.member).toBe(nowCounts.member + 1);
    expect(thenCounts.observer).toBe(nowCounts.observer - 1);
    await expectReadModelsConsistent();
  });

  it("is audited and in the change feed as a correction, in the same batch", async () => {
    const editor = await createKey("editor");
    const event = await eventOf("MNG", "status_granted");
    const res = await correct(
      event.id,
      editor.key,
      { note: "Test note", reason: "Test: a note was missing", sources: [src("Test source")] },
      `"${event.version}"`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const audit = (
      await getJson(`/v1/audit?entityType=status_event&entityId=${event.id}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).body;
    expect(audit.items.map((i: { action: string }) => i.action)).toContain("correction");
    const entry = audit.items.find((i: { action: string }) => i.action === "correction");
    expect(entry.after).toMatchObject({ note: "Test note", correction: { reason: "Test: a note was missing" } });
    expect(entry.before).toMatchObject({ note: event.current?.note ?? null });
    expect(entry.before.note).not.toBe("Test note");
    const feed = await readFeed();
    const changes = feed.items.filter((i: { entityId: string }) => i.entityId === String(event.id));
    expect(changes.at(-1)).toMatchObject({ action: "correction", entityType: "status_event" });
  });

  it("concurrent corrections of one event: exactly one wins, the others get 412, one version is added", async () => {
    const editor = await createKey("editor");
    const event = await eventOf("TUR", "procedure_launched");
    const versionsBefore = await count("status_event_versions");
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        correct(
          event.id,
          editor.key,
          { note: `Concurrent test ${n}`, reason: `Test race ${n}`, sources: [src("Test source")] },
          `"${event.version}"`,
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412]);
    for (const r of results.filter((x) => x.status === 412)) await expectProblem(r, 412);
    expect(await count("status_event_versions")).toBe(versionsBefore + 1);
    const after = await eventOf("TUR", "procedure_launched");
    expect(after.version).toBe(event.version + 1);
    await expectReadModelsConsistent();
  });

  it("bad input is a problem and changes nothing", async () => {
    const editor = await createKey("editor");
    const event = await eventOf("PAK", "accession");
    const valid = { date: "2017-06-10", reason: "Test", sources: [src("Test source")] };
    const before = await tables();
    await expectProblem(await correct(event.id, editor.key, valid), 428);
    await expectProblem(await correct(event.id, editor.key, valid, '"999"'), 412);
    await expectProblem(
      await correct(event.id, editor.key, { date: "2017-06-10", sources: [src("x")] }, `"${event.version}"`),
      422,
    );
    await expectProblem(await correct(event.id, editor.key, { ...valid, reason: "  " }, `"${event.version}"`), 422);
    await expectProblem(await correct(event.id, editor.key, { ...valid, sources: [] }, `"${event.version}"`), 422);
    await expectProblem(
      await correct(event.id, editor.key, { ...valid, date: "2017-13-45" }, `"${event.version}"`),
      422,
    );
    await expectProblem(await correct(event.id, editor.key, { ...valid, date: "2100" }, `"${event.version}"`), 422);
    // The same date as recorded: nothing to correct.
    await expectProblem(
      await correct(event.id, editor.key, { ...valid, date: "2017-06-09" }, `"${event.version}"`),
      422,
    );
    // Contradicts the log: an accession must enter "member"; a date before PAK's earlier events.
    const contradicts = await correct(event.id, editor.key, { ...valid, status: "observer" }, `"${event.version}"`);
    expect((await expectProblem(contradicts, 409)).type).toBe("/problems/contradicts-log");
    await expectProblem(await correct(event.id, editor.key, { ...valid, kind: "founding" }, `"${event.version}"`), 409);
    await expectProblem(await correct(2_000_000, editor.key, valid, '"1"'), 404);
    await expectProblem(await correct(event.id, "not-a-key", valid, `"${event.version}"`), 401);
    expect(await tables()).toEqual(before);
  });
});

describe("POST /v1/status-events/{id}/retraction", () => {
  it("removes the event from the current record only", async () => {
    const editor = await createKey("editor");
    const event = await eventOf("KHM", "procedure_launched");
    const recordedBefore = event.versions[0]!.recordedFrom;
    const ids = async (q = "") =>
      (await getJson(`/v1/states/KHM/history${q}`)).body.events.map((e: { id: number }) => e.id);
    expect(await ids()).toContain(event.id);
    const body = { reason: "Test: recorded in error", sources: [src("Test source")] };
    await expectProblem(await send("POST", `/v1/status-events/${event.id}/retraction`, body, editor.key), 428);
    await expectProblem(
      await send("POST", `/v1/status-events/${event.id}/retraction`, { sources: [src("x")] }, editor.key, {
        "If-Match": `"${event.version}"`,
      }),
      422,
    );
    const res = await send("POST", `/v1/status-events/${event.id}/retraction`, body, editor.key, {
      "If-Match": `"${event.version}"`,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const record = StatusEventRecordSchema.parse(await res.json());
    expect(record).toMatchObject({ retracted: true, current: null, version: event.version + 1 });
    const retractedAt = record.versions.at(-1)!.recordedFrom;

    expect(await ids()).not.toContain(event.id);
    expect(await ids(`?asRecordedOn=${recordedBefore}`)).toContain(event.id);
    expect(await ids(`?asRecordedOn=${retractedAt}`)).not.toContain(event.id);
    // Its versions are kept, and readable.
    const kept = (await getJson(`/v1/status-events/${event.id}`)).body;
    expect(kept).toMatchObject({
      retracted: true,
      current: null,
      versions: [{ retracted: false }, { retracted: true }],
    });
    const history = (await getJson("/v1/states/KHM/history")).body;
    expect(history.corrections.at(-1)).toMatchObject({ action: "retraction", after: null, reason: body.reason });
    const feed = await readFeed();
    expect(feed.items.filter((i: { entityId: string }) => i.entityId === String(event.id)).at(-1)).toMatchObject({
      action: "retraction",
      data: null,
    });
    const audit = (
      await getJson(`/v1/audit?entityType=status_event&entityId=${event.id}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).body;
    expect(audit.items.find((i: { action: string }) => i.action === "retraction")).toMatchObject({
      before: { id: event.id },
      after: { retracted: true, reason: body.reason, sources: body.sources, recordedAt: retractedAt },
    });
    // A retracted event cannot be corrected or retracted again.
    const again = await correct(
      event.id,
      editor.key,
      { note: "x", reason: "x", sources: [src("x")] },
      `"${record.version}"`,
    );
    expect((await expectProblem(again, 409)).type).toBe("/problems/event-retracted");
    await expectReadModelsConsistent();
  });
});

describe("asRecordedOn", () => {
  it("malformed, in the future or before the record begins: a 400 problem", async () => {
    for (const bad of ["yesterday", "2026-13-01", "2026-12-01T08:00:00", "9999-01-01", "9999-01-01T00:00:00Z"]) {
      await expectProblem(await call(`/v1/states/IRN/status?asRecordedOn=${encodeURIComponent(bad)}`), 400);
    }
    const problem = await expectProblem(await call("/v1/states/IRN/status?asRecordedOn=2000-01-01"), 400);
    expect(problem).toMatchObject({ type: "/problems/before-the-record", recordBegins: expect.any(String) });
    expect((await getJson("/v1/roster?asRecordedOn=2000-01-01")).res.status).toBe(400);
  });

  it("a day means the end of that day: the record as it stood after everything recorded that day", async () => {
    const begins = (await eventOf("IND", "accession")).versions[0]!.recordedFrom;
    const day = begins.slice(0, 10);
    const { res, body } = await getJson(`/v1/states/IND/status?at=2020-01-01&asRecordedOn=${day}`);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: "member", record: { asRecordedOn: `${day}T23:59:59.999Z` } });
  });
});

describe("agreements as recorded", () => {
  it("every seeded agreement has one open version whose record is the row", async () => {
    const all = await db().select().from(agreements);
    const versions = await rows<{ agreement_id: string; record: string; recorded_until: string | null }>(
      "SELECT agreement_id, record, recorded_until FROM agreement_versions WHERE recorded_until IS NULL",
    );
    for (const a of all) {
      const open = versions.filter((v) => v.agreement_id === a.id);
      expect(open.length, a.id).toBe(1);
      expect(decodeRecord(agreements, open[0]!.record)).toEqual(a);
    }
  });

  it("every write records a version; GET with asRecordedOn answers the version of that moment", async () => {
    const editor = await createKey("editor");
    const created = await send(
      "POST",
      "/v1/agreements",
      {
        kind: "memorandum_of_understanding",
        title: { en: "Test MoU, first title" },
        counterparties: ["asean"],
        sources: [src("Test")],
      },
      editor.key,
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await send(
      "PATCH",
      `/v1/agreements/${id}`,
      { title: { en: "Test MoU, second title" } },
      editor.key,
      {
        "If-Match": '"1"',
      },
    );
    expect(patched.status, await patched.clone().text()).toBe(200);
    const versions = await rows<{ version: number; recorded_from: string; recorded_until: string | null }>(
      "SELECT version, recorded_from, recorded_until FROM agreement_versions WHERE agreement_id = ? ORDER BY version",
      id,
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.recorded_until).toBe(versions[1]!.recorded_from);
    const first = versions[0]!.recorded_from;
    const then = (await getJson(`/v1/agreements/${id}?asRecordedOn=${first}`)).body;
    expect(then).toMatchObject({ version: 1, title: { en: "Test MoU, first title" }, record: { asRecordedOn: first } });
    const now = (await getJson(`/v1/agreements/${id}`)).body;
    expect(now).toMatchObject({ version: 2, title: { en: "Test MoU, second title" } });
    expect(now.record).toBeUndefined();
    await expectProblem(await call("/v1/agreements/sco-asean-mou-2005?asRecordedOn=2000-01-01"), 400);
  });
});

describe("POST /v1/agreements/{id}/corrections", () => {
  const path = "/v1/agreements/sco-csto-mou-2007";
  const correctAgreement = (key: string, body: unknown, ifMatch?: string) =>
    send("POST", `${path}/corrections`, body, key, ifMatch ? { "If-Match": ifMatch } : {});
  const counts = async () => ({
    versions: await count("agreement_versions"),
    audit: await count("audit_log"),
    changes: await count("changes"),
    agreements: await rows("SELECT * FROM agreements WHERE id = 'sco-csto-mou-2007'"),
  });

  it("bad input is a problem and changes nothing", async () => {
    const editor = await createKey("editor");
    const { body: current } = await getJson(path);
    const etag = `"${current.version}"`;
    const valid = { signed: "2007-10-06", reason: "Test", sources: [src("Test source")] };
    const before = await counts();
    await expectProblem(await correctAgreement(editor.key, valid), 428);
    await expectProblem(await correctAgreement(editor.key, valid, '"999"'), 412);
    await expectProblem(await correctAgreement(editor.key, { signed: "2007-10-06", sources: [src("x")] }, etag), 422);
    await expectProblem(await correctAgreement(editor.key, { ...valid, signed: "2007-13-01" }, etag), 422);
    const notRecorded = await correctAgreement(editor.key, { ...valid, signed: undefined, inForce: "2008" }, etag);
    expect((await expectProblem(notRecorded, 422)).type).toBe("/problems/date-not-recorded");
    await expectProblem(await correctAgreement(editor.key, { ...valid, signed: "2007-10-05" }, etag), 422);
    await expectProblem(await correctAgreement(editor.key, { ...valid, signed: "2100-01-01" }, etag), 422);
    expect(await counts()).toEqual(before);
  });

  it("corrects the date without overwriting: one winner of concurrent corrections, versioned, audited, in the feed", async () => {
    const editor = await createKey("editor");
    const { body: current } = await getJson(path);
    expect(current.signed).toEqual({ date: "2007-10-05", precision: "day" });
    const [open] = await rows<{ recorded_from: string }>(
      "SELECT recorded_from FROM agreement_versions WHERE agreement_id = 'sco-csto-mou-2007' AND recorded_until IS NULL",
    );
    const results = await Promise.all(
      ["2007-10-06", "2007-10-07", "2007-10-08"].map((signed) =>
        correctAgreement(
          editor.key,
          { signed, reason: `Test race ${signed}`, sources: [src("Test")] },
          `"${current.version}"`,
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.headers.get("ETag")).toBe(`"${current.version + 1}"`);
    const corrected = await winner.json<{ signed: { date: string } }>();
    const now = (await getJson(path)).body;
    expect(now.signed).toEqual(corrected.signed);
    expect(now.version).toBe(current.version + 1);
    const then = (await getJson(`${path}?asRecordedOn=${open!.recorded_from}`)).body;
    expect(then).toMatchObject({ signed: { date: "2007-10-05" }, version: current.version });
    const [version] = await rows<{ action: string; reason: string; sources: string }>(
      "SELECT action, reason, sources FROM agreement_versions WHERE agreement_id = 'sco-csto-mou-2007' AND recorded_until IS NULL",
    );
    expect(version).toMatchObject({ action: "correction", reason: expect.stringMatching(/^Test race/) });
    const feed = await readFeed();
    expect(feed.items.filter((i: { entityId: string }) => i.entityId === "sco-csto-mou-2007").at(-1)).toMatchObject({
      action: "correction",
      entityType: "agreement",
    });
  });
});

describe("asRecordedOn the latest recorded moment answers exactly what the current record answers", () => {
  it("roster, lists, statuses and histories, after the corrections and the retraction above", async () => {
    const latest = (
      await rows<{ latest: string }>(
        "SELECT max(max(recorded_from), coalesce(max(recorded_until), '')) AS latest FROM status_event_versions",
      )
    )[0]!.latest;
    expect(await count("status_event_versions")).toBeGreaterThan(await count("status_events"));
    const same = async (path: string) => {
      const now = (await getJson(path)).body;
      const glue = path.includes("?") ? "&" : "?";
      const { record, ...then } = (await getJson(`${path}${glue}asRecordedOn=${latest}`)).body;
      expect(record, path).toMatchObject({ asRecordedOn: latest });
      expect(then, path).toEqual(now);
    };
    for (const day of ["2005-07-10", "2017-06-10", "2023-07-10", "2025-09-02"]) {
      await same(`/v1/roster?at=${day}`);
      await same(`/v1/states?at=${day}`);
      await same(`/v1/states?status=member&at=${day}&limit=3`);
      await same(`/v1/organisations?at=${day}`);
      for (const code of ["IRN", "MNG", "TUR", "KHM", "IND"]) await same(`/v1/states/${code}/status?at=${day}`);
    }
    for (const code of ["IRN", "MNG", "TUR", "KHM", "PAK"]) {
      await same(`/v1/states/${code}/history`);
      await same(`/v1/states/${code}`);
    }
    await same("/v1/organisations/asean/history");
    await same("/v1/organisations/asean");
  });
});
