/**
 * Status events: an identical event is recorded once, facts are not dated beyond a year ahead, and
 * ids never contend across parties — each enforced where the event is written (the rules themselves:
 * test/domain/event-log.test.ts and test/domain/dates.test.ts).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { periodRows } from "../../src/db/period-rows";
import { statusEvents, statusPeriods } from "../../src/db/schema";
import { horizonDay, today } from "../../src/domain/dates";
import { toEventInput } from "../../src/lib/party-mappers";
import { StatusEventSchema } from "../../src/lib/party-schemas";
import { createKey, expectProblem, getJson, send } from "../helpers";
import { statusEventTables } from "../helpers/db";

const shift = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** The parties holding a status today, with it: an event that repeats it changes no period. */
async function partiesWithStatus() {
  const { body } = await getJson(`/v1/roster?limit=200`);
  return (body.groups as { status: string; items: { id: string }[] }[]).flatMap((g) =>
    g.items.map((p) => ({ party: p.id, status: g.status })),
  );
}

describe("POST /v1/status-events integrity", () => {
  it("refuses an identical event with 409, sequentially and when sent five times at once", async () => {
    const editor = await createKey("editor");
    const body = {
      party: "MNG",
      status: "partner",
      kind: "status_granted",
      date: "2026-10-01",
      sources: ["Test record"],
    };
    expect((await send("POST", "/v1/status-events", body, editor.key)).status).toBe(201);
    const before = await statusEventTables();
    const problem = await expectProblem(
      await send("POST", "/v1/status-events", { ...body, note: "the same, again" }, editor.key),
      409,
    );
    expect(problem.type).toBe("/problems/duplicate-event");
    expect(await statusEventTables()).toEqual(before);

    const again = { ...body, party: "KHM", date: "2026-10-02" };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send("POST", "/v1/status-events", again, editor.key)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await statusEventTables()).toEqual(before.map((n) => n + 1));
  });

  it("refuses events dated more than a year ahead with 422, and accepts one within the year", async () => {
    const editor = await createKey("editor");
    const before = await statusEventTables();
    const beyond = shift(horizonDay(today()), 1);
    for (const date of ["2100-01-01", "2100", beyond]) {
      const problem = await expectProblem(
        await send(
          "POST",
          "/v1/status-events",
          { party: "TUR", status: "partner", kind: "status_granted", date, sources: ["Plan"] },
          editor.key,
        ),
        422,
      );
      expect(problem.type).toBe("/problems/date-beyond-horizon");
    }
    expect(await statusEventTables()).toEqual(before);
    const within = shift(today(), 30);
    const res = await send(
      "POST",
      "/v1/status-events",
      { party: "TUR", status: "partner", kind: "status_granted", date: within, sources: ["Decision for a fixed day"] },
      editor.key,
    );
    expect(res.status).toBe(201);
  });

  it("lands 20 concurrent events for 20 different parties, with distinct ids above every earlier one", async () => {
    const editor = await createKey("editor");
    // Parties the other tests of this file leave alone.
    const others = ["MNG", "KHM", "TUR", "NPL"];
    const targets = (await partiesWithStatus()).filter((p) => !others.includes(p.party)).slice(0, 20);
    expect(targets).toHaveLength(20);
    const [{ max }] = (await env.DB.prepare("SELECT max(id) AS max FROM status_events").all<{ max: number }>())
      .results as [{ max: number }];
    const answers = await Promise.all(
      targets.map((t) =>
        send(
          "POST",
          "/v1/status-events",
          {
            party: t.party,
            status: t.status,
            kind: "status_granted",
            date: "2026-11-30",
            sources: ["Concurrency test"],
          },
          editor.key,
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(targets.map(() => 201));
    const ids = await Promise.all(answers.map(async (r) => StatusEventSchema.parse(await r.json()).id));
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toBeGreaterThan(max);
    // ...and each first version is recorded at its own moment, later than every version before it
    // (recorded times only increase: an export's citation as recorded on T rests on it).
    const { results } = await env.DB.prepare(
      `SELECT event_id AS id, recorded_from AS at FROM status_event_versions ORDER BY recorded_from, event_id`,
    ).all<{ id: number; at: string }>();
    const times = results.filter((r) => ids.includes(r.id)).map((r) => r.at);
    expect(new Set(times).size).toBe(20);
    const earlier = results.filter((r) => !ids.includes(r.id)).map((r) => r.at);
    for (const at of times) for (const before of earlier) expect(at > before).toBe(true);
  });

  it("keeps a party's periods derived from its whole log when events for it race", async () => {
    const editor = await createKey("editor");
    const before = await statusEventTables();
    const dates = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"];
    const answers = await Promise.all(
      dates.map((date, i) =>
        send(
          "POST",
          "/v1/status-events",
          {
            party: "NPL",
            status: i % 2 ? "partner" : "none",
            kind: i % 2 ? "status_granted" : "suspension",
            date,
            sources: ["Race"],
          },
          editor.key,
        ),
      ),
    );
    for (const r of answers) expect([201, 409]).toContain(r.status);
    const landed = answers.filter((r) => r.status === 201).length;
    expect(landed).toBeGreaterThan(0);
    expect(await statusEventTables()).toEqual(before.map((n) => n + landed));
    const db = createDb(env.DB);
    const log = (await db.select().from(statusEvents).where(eq(statusEvents.partyId, "NPL"))).map(toEventInput);
    const stored = await db.select().from(statusPeriods).where(eq(statusPeriods.partyId, "NPL"));
    const byStart = (a: { startEventId: number }, b: { startEventId: number }) => a.startEventId - b.startEventId;
    expect(stored.sort(byStart)).toEqual(periodRows("NPL", "state", log).sort(byStart));
  });
});
