import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { reportedOn } from "../../src/db/parties";
import { countStatusesOn } from "../../src/db/party-lists";
import { parties, statusCounts, statusCountsDerived, statusPeriods } from "../../src/db/schema";
import { StatusEventSchema } from "../../src/lib/party-schemas";
import { ADMIN_TOKEN, createKey, expectProblem, getJson, send } from "../helpers";
import { statusEventTables } from "../helpers/db";

const event = (over: Record<string, unknown>) => ({
  party: "LAO",
  status: "partner",
  kind: "status_granted",
  date: "2026-07-15",
  sources: ["Test declaration, 2026"],
  ...over,
});

/** parties.periods, kept by triggers, holds exactly each party's status_periods rows. */
async function expectPeriodsInStep() {
  const db = createDb(env.DB);
  const rows = await db.select().from(statusPeriods);
  const stored = await db.select({ id: parties.id, periods: parties.periods }).from(parties);
  const byStart = (a: { startEventId: number }, b: { startEventId: number }) => a.startEventId - b.startEventId;
  expect(stored.length).toBeGreaterThan(30);
  for (const party of stored) {
    const expected = rows
      .filter((r) => r.partyId === party.id)
      .map(({ partyId, partyKind, nextStatus, ...bounds }) => bounds)
      .sort(byStart);
    expect(JSON.parse(party.periods).sort(byStart), party.id).toEqual(expected);
  }
}

/**
 * The roster's running totals give, on every day where a count may change (and the days around
 * it), what counting status_periods directly gives; and status_counts is its view's content.
 */
async function expectCountsInStep() {
  const db = createDb(env.DB);
  expect(await db.select().from(statusCounts).orderBy(statusCounts.status, statusCounts.fromDay)).toEqual(
    await db.select().from(statusCountsDerived).orderBy(statusCountsDerived.status, statusCountsDerived.fromDay),
  );
  const bounds = await db
    .select({ from: statusPeriods.fromWindowEnd, to: statusPeriods.toWindowEnd })
    .from(statusPeriods);
  const shift = (day: string, by: number) => new Date(Date.parse(day) + by * 86_400_000).toISOString().slice(0, 10);
  const days = new Set([
    "1990-01-01",
    "2099-12-31",
    ...bounds
      .flatMap((b) => [b.from, b.to])
      .filter((d) => d !== null)
      .flatMap((d) => [shift(d, -1), d, shift(d, 1)]),
  ]);
  expect(days.size).toBeGreaterThan(50);
  for (const day of days) {
    const direct = await db
      .select({ status: statusPeriods.status, count: sql<number>`count(*)` })
      .from(statusPeriods)
      .where(reportedOn(day))
      .groupBy(statusPeriods.status);
    const running = (await countStatusesOn(db, day)).filter((r) => r.count);
    const byStatus = (rows: { status: string; count: number | null }[]) =>
      Object.fromEntries(rows.map((r) => [r.status, r.count]));
    expect(byStatus(running), day).toEqual(byStatus(direct));
  }
}

describe("derived tables", () => {
  it("parties.periods holds each party's periods after the data migration", expectPeriodsInStep);
  it("status_counts counts the periods reported on any day after the data migration", expectCountsInStep);
});

describe("POST /v1/status-events", () => {
  it("records an event, re-derives the periods and shows it in the reads, the feed and the audit log", async () => {
    const editor = await createKey("editor");
    await env.DB.prepare(
      "INSERT INTO parties (id, kind, alpha2, name_en, name_ru, name_zh) VALUES ('ATL', 'state', 'AQ', 'Atlantis', 'Атлантида', '亚特兰蒂斯')",
    ).run();
    const res = await send(
      "POST",
      "/v1/status-events",
      event({ party: "aq", status: "dialogue_partner", date: "2026-03" }),
      editor.key,
    );
    expect(res.status).toBe(201);
    const created = StatusEventSchema.parse(await res.json());
    expect(created).toMatchObject({ party: "ATL", effective: { date: "2026-03", precision: "month" } });
    expect((await getJson("/v1/states/ATL/status?at=2026-03-15")).body).toMatchObject({
      status: "none",
      uncertain: true,
      possibleStatus: "dialogue_partner",
    });
    expect((await getJson("/v1/states/ATL/status?at=2026-04-01")).body).toMatchObject({
      status: "dialogue_partner",
      uncertain: false,
    });
    const listed = (await getJson("/v1/states?status=dialogue_partner&at=2026-04-01&limit=200")).body.items.map(
      (i: { code: string }) => i.code,
    );
    expect(listed).toContain("ATL");
    const feed = (await getJson(`/v1/changes?limit=200&since=${btoa(JSON.stringify([0])).replace(/=+$/, "")}`)).body;
    expect(feed.items.length).toBeGreaterThan(0);
    const audit = (
      await getJson(`/v1/audit?entityType=status_event&entityId=${created.id}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).body;
    expect(audit.items).toHaveLength(1);
    await expectPeriodsInStep();
    await expectCountsInStep();
  });

  it("refuses events that contradict the log, with a 409 that says why, and writes nothing", async () => {
    const editor = await createKey("editor");
    const before = await statusEventTables();
    const cases: [Record<string, unknown>, string][] = [
      [{ party: "IND", status: "member", kind: "founding", date: "2001-06-15" }, "must be the party's first event"],
      [{ party: "IND", status: "none", kind: "withdrawal", date: "2010-01-01" }, "before the party's previous event"],
      [{ party: "MNG", status: "member", kind: "conversion", date: "2026-09-01" }, "must enter partner"],
      [
        { party: "asean", status: "member", kind: "accession", date: "2026-09-01" },
        "cannot be held by an organisation",
      ],
    ];
    for (const [body, reason] of cases) {
      const problem = await expectProblem(await send("POST", "/v1/status-events", event(body), editor.key), 409);
      expect(String(problem.detail)).toContain(reason);
    }
    await expectProblem(await send("POST", "/v1/status-events", event({ status: "overlord" }), editor.key), 422);
    await expectProblem(await send("POST", "/v1/status-events", event({ date: "219" }), editor.key), 422);
    await expectProblem(await send("POST", "/v1/status-events", event({ party: "ACEAN" }), editor.key), 422);
    await expectProblem(await send("POST", "/v1/status-events", event({ sources: [] }), editor.key), 422);
    expect(await statusEventTables()).toEqual(before);
  });
});
