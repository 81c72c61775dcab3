/** Issue 10 through HTTP: why the registry believes a status (sources, certainty, the other reading). */
import { describe, expect, it } from "vitest";
import attendances from "../../src/data/attendances.json";
import scoStatuses from "../../src/data/sco-statuses.json";
import { AttendanceListSchema } from "../../src/lib/evidence-schemas";
import { AgreementDetailSchema } from "../../src/routes/agreements/agreements.schemas";
import { ScoStatusListSchema } from "../../src/routes/sco-statuses/sco-statuses.schemas";
import { StateHistorySchema, StateStatusSchema } from "../../src/routes/states/states.schemas";
import { call, expectProblem, getJson, readFeed } from "../helpers";

describe("status on a day inside a contested span", () => {
  it("says contested, with the other reading's status, act, date and sources", async () => {
    // Egypt: the Council launched the procedure on 2021-09-17; the memorandum of 2022-09-14 granted
    // the status; some sources read the 2021 decision as granting it.
    const { res, body } = await getJson("/v1/states/EGY/status?at=2022-01-01");
    expect(res.status).toBe(200);
    const answer = StateStatusSchema.parse(body);
    expect(answer).toMatchObject({
      status: "none",
      contested: true,
      alternative: {
        status: "dialogue_partner",
        reading: { date: "2021-09-17", kind: "status_granted" },
        span: { from: "2021-09-17", to: "2022-09-14" },
      },
    });
    expect(answer.alternative!.reading.sources.length).toBeGreaterThan(0);
    expect(answer.alternative!.reading.sources[0]).toMatchObject({
      title: expect.any(String),
      kind: expect.any(String),
    });
  });

  it("is not contested outside the span, before or after", async () => {
    for (const at of ["2021-09-16", "2022-09-16", "2024-01-01"]) {
      const { body } = await getJson(`/v1/states/EGY/status?at=${at}`);
      expect(body, at).toMatchObject({ contested: false, alternative: null });
    }
    const { body } = await getJson("/v1/states/EGY/status?at=2024-01-01");
    expect(body.status).toBe("dialogue_partner");
  });

  it("is not contested for a fact the sources agree on", async () => {
    const { body } = await getJson("/v1/states/IND/status?at=2010-01-01");
    expect(body).toMatchObject({ status: "observer", contested: false, alternative: null });
  });

  it("is reported per party in the lists as well", async () => {
    const { body } = await getJson("/v1/states?at=2016-01-01&status=dialogue_partner");
    const khm = body.items.find((i: { code: string }) => i.code === "KHM");
    const tur = body.items.find((i: { code: string }) => i.code === "TUR");
    expect(tur).toMatchObject({ contested: false });
    expect(khm).toMatchObject({ contested: false });
    const roster = await getJson("/v1/roster?at=2016-01-01");
    expect(roster.res.status).toBe(200);
    const items = roster.body.groups.flatMap((g: { items: unknown[] }) => g.items);
    expect(items.every((i: { contested?: boolean }) => typeof i.contested === "boolean")).toBe(true);
  });
});

describe("the history shows both readings", () => {
  it("the event with its alternative and sources, and the contested span", async () => {
    const { res, body } = await getJson("/v1/states/EGY/history");
    expect(res.status).toBe(200);
    const history = StateHistorySchema.parse(body);
    const launch = history.events.find((e) => e.kind === "procedure_launched")!;
    expect(launch).toMatchObject({ status: "none", effective: { date: "2021-09-17" }, certainty: "medium" });
    // the reading "the decision itself granted the status" sits on the decision; TASS dates the memorandum 16 Sept
    expect(launch.alternatives).toMatchObject([{ kind: "status_granted", status: "dialogue_partner" }]);
    const memo = history.events.find((e) => e.kind === "memorandum_signed")!;
    expect(memo).toMatchObject({
      status: "dialogue_partner",
      effective: { date: "2022-09-14" },
      certainty: "medium",
      basis: { agreementId: "sco-egy-dialogue-partner-memorandum-2022" },
      alternatives: [{ date: "2022-09-16" }],
    });
    expect(memo.alternatives[0]!.sources.length).toBeGreaterThan(0);
    expect(history.contested).toMatchObject([
      {
        eventId: launch.id,
        from: "2021-09-17",
        to: "2022-09-14",
        status: "none",
        alternative: { status: "dialogue_partner" },
      },
      {
        eventId: memo.id,
        from: "2022-09-14",
        to: "2022-09-16",
        status: "dialogue_partner",
        alternative: { status: "none" },
      },
    ]);
    expect(history.periods.map((p) => [p.status, p.from.date])).toEqual([
      ["dialogue_partner", "2022-09-14"],
      ["partner", "2025-09-01"],
    ]);
  });

  it("serves structured sources on every event", async () => {
    const { body } = await getJson("/v1/states/CHN/history");
    for (const e of body.events)
      for (const s of e.sources) expect(s).toMatchObject({ title: expect.any(String), publisher: expect.any(String) });
  });

  it("the state's current answer carries the contested fields too", async () => {
    const { body } = await getJson("/v1/states/EGY");
    expect(body.current).toMatchObject({ contested: false, alternative: null });
    expect(body.history.contested.length).toBe(2);
  });
});

describe("the memorandum and what it brought about", () => {
  it("lists the status events resting on it", async () => {
    const { res, body } = await getJson("/v1/agreements/sco-egy-dialogue-partner-memorandum-2022");
    expect(res.status).toBe(200);
    const a = AgreementDetailSchema.parse(body);
    expect(a.statusEvents).toMatchObject([
      { party: "EGY", status: "dialogue_partner", kind: "memorandum_signed", effective: { date: "2022-09-14" } },
    ]);
    expect(a.sources[0]).toMatchObject({ kind: expect.any(String), publisher: expect.any(String) });
  });

  it("lists the organisation's own memorandum event", async () => {
    const { body } = await getJson("/v1/agreements/sco-csto-mou-2007");
    expect(body.statusEvents).toEqual([expect.objectContaining({ party: "csto", kind: "memorandum_signed" })]);
  });
});

describe("guest attendance", () => {
  it("is listed per party, with meeting, date and sources, and is no status", async () => {
    const { res, body } = await getJson("/v1/states/AFG/attendances");
    expect(res.status).toBe(200);
    const list = AttendanceListSchema.parse(body);
    expect(list.items.map((a) => a.date.date)).toEqual(["2004-06-17", "2006-06-15", "2009-06"]);
    expect(list.items[1]!.meeting.en).toContain("Shanghai");
    const history = await getJson("/v1/states/AFG/history");
    expect(history.body.periods.map((p: { status: string }) => p.status)).toEqual(["observer", "partner"]);
    const turkmenistan = await getJson("/v1/states/TKM/status?at=2010-01-01");
    expect(turkmenistan.body.status).toBe("none");
  });

  it("each attendance and each status of the SCO elsewhere is in the change feed, as any record", async () => {
    const { items } = await readFeed();
    const created = (type: string) =>
      items.filter((i: { entityType: string; action: string }) => i.entityType === type && i.action === "created");
    expect(created("attendance").map((i: { data: { party: string } }) => i.data.party)).toEqual(
      attendances.map((a) => a.party),
    );
    expect(created("sco_status")).toHaveLength(scoStatuses.length);
  });

  it("answers an organisation with no attendances with an empty list, and 404 for an unknown party", async () => {
    const { body } = await getJson("/v1/organisations/unodc/attendances");
    expect(body).toEqual({ party: "unodc", items: [] });
    await expectProblem(await call("/v1/states/XXX/attendances"), 404);
    await expectProblem(await call("/v1/organisations/nowhere/attendances"), 404);
  });
});

describe("the SCO's own statuses", () => {
  it("lists them oldest first with counterparty, status, date and sources", async () => {
    const { res, body } = await getJson("/v1/sco-statuses");
    expect(res.status).toBe(200);
    const list = ScoStatusListSchema.parse(body);
    expect(list.items.map((s) => [s.counterparty.partyId, s.status, s.date.date])).toEqual([
      ["un", "observer", "2004-12"],
      ["cis", "observer", "2025-10-10"],
    ]);
  });
});

describe("names", () => {
  it("uses the UN short name, and keeps the former name with its date and sources", async () => {
    const { body } = await getJson("/v1/states/TUR");
    expect(body).toMatchObject({ name: "Türkiye", commonName: "Turkey" });
    expect(body.formerNames).toMatchObject([{ name: { en: "Turkey" }, until: "2022-06-01" }]);
    expect(body.formerNames[0].sources.length).toBeGreaterThan(0);
    const russia = await getJson("/v1/states/RUS");
    expect(russia.body).toMatchObject({ name: "Russian Federation", commonName: "Russia", formerNames: [] });
  });
});

describe("the timeline page", () => {
  it("lists the contested spans and the guest attendances as text", async () => {
    const res = await call("/");
    const html = await res.text();
    expect(html).toContain("Contested spans: where sources disagree on the status held");
    expect(html).toMatch(
      /<tr class="contested"><th scope="row"><a href="\/v1\/states\/EGY\/history">Egypt<\/a><\/th><td>2021-09-17<\/td><td>2022-09-14<\/td><td>no status<\/td><td>dialogue partner \(2021-09-17\)<\/td><\/tr>/,
    );
    expect(html).toContain("Guest attendance at meetings");
    expect(html).toMatch(
      /<tr class="attendance"><th scope="row">Afghanistan<\/th><td>Meeting of the SCO Council of Heads of State \(summit\), Shanghai<\/td><td>2006-06-15<\/td><\/tr>/,
    );
    expect(html).not.toContain("<script");
  });

  it("marks the English meeting names in the Russian page", async () => {
    const html = await (await call("/?lang=ru")).text();
    expect(html).toContain("Спорные периоды");
    expect(html).toContain('<td lang="en">Meeting of the SCO Council of Heads of State (summit), Shanghai</td>');
  });
});
