/**
 * The depositary log through the Worker: acts recorded on an agreement concluded through the API,
 * the per-member view ("has every member state received a certified copy?"), every refusal, the
 * agreements concluded before the registry, and two identical forwards at once.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { horizonDay, today } from "../../src/domain/dates";
import { DepositaryStatusSchema } from "../../src/routes/depositary/depositary.schemas";
import {
  agreementAwaitingConsent,
  call,
  consent,
  createKey,
  expectProblem,
  getJson,
  MEMBERS_2016,
  MEMBERS_2025,
  send,
} from "../helpers";

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;
const snapshot = async () => ({
  audit: await count("SELECT count(*) AS n FROM audit_log"),
  changes: await count("SELECT count(*) AS n FROM changes"),
  acts: await count("SELECT count(*) AS n FROM depositary_actions"),
});

const CONCLUDED = "2026-06-15";
const act = (action: string, date: string, recipient?: string) => ({
  action,
  date,
  ...(recipient && { recipient }),
  reference: `Note ${action} ${recipient ?? ""}`.trim(),
  actor: "Legal Department of the SCO Secretariat",
  sources: ["Register of the depositary, test fixture"],
});
const record = (key: string, id: string, body: object, headers: Record<string, string> = {}) =>
  send("POST", `/v1/agreements/${id}/depositary`, body, key, headers);
const depositaryOf = async (id: string) =>
  DepositaryStatusSchema.parse((await getJson(`/v1/agreements/${id}/depositary`)).body);

/** An agreement concluded through the API on 2026-06-15 with the consent of the ten members. */
async function concluded(key: string) {
  const { id } = await agreementAwaitingConsent(key, CONCLUDED);
  for (const s of MEMBERS_2025) expect((await consent(key, id, s, "2026-02-01")).status).toBe(201);
  const etag = (await call(`/v1/agreements/${id}`)).headers.get("etag")!;
  expect(
    (await send("POST", `/v1/agreements/${id}/conclusion`, { date: CONCLUDED }, key, { "If-Match": etag })).status,
  ).toBe(200);
  return id;
}

/** Concluded, the original received and a certified copy made: ready for forwards. */
async function withCertifiedCopy(key: string) {
  const id = await concluded(key);
  expect((await record(key, id, act("original_received", "2026-06-16"))).status).toBe(201);
  expect((await record(key, id, act("certified_copy_made", "2026-06-17"))).status).toBe(201);
  return id;
}

describe("the per-member view", () => {
  it("answers in one call which member states of the date of conclusion were forwarded a certified copy, and when", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    const res = await record(editor.key, id, act("copy_forwarded", "2026-06-18", "kz"));
    expect(res.status).toBe(201);
    const answered = DepositaryStatusSchema.parse(await res.json());
    expect(answered).toMatchObject({
      basis: CONCLUDED,
      logKept: true,
      complete: false,
      forwarded: ["KAZ"],
      missing: MEMBERS_2025.filter((s) => s !== "KAZ"),
      notRecorded: [],
    });
    expect(answered.members.find((m) => m.state === "KAZ")).toMatchObject({
      copy: "forwarded",
      forward: {
        action: "copy_forwarded",
        date: { date: "2026-06-18", precision: "day" },
        recipient: { kind: "member_state", state: "KAZ" },
        reference: "Note copy_forwarded kz",
        actor: "Legal Department of the SCO Secretariat",
        sources: ["Register of the depositary, test fixture"],
      },
    });
    expect(answered.original).toMatchObject({ action: "original_received", date: { date: "2026-06-16" } });
    // The public read says the same, with an ETag.
    const read = await call(`/v1/agreements/${id}/depositary`);
    expect(read.headers.get("etag")).toBeTruthy();
    expect(DepositaryStatusSchema.parse(await read.json())).toEqual(answered);

    for (const s of MEMBERS_2025.filter((x) => x !== "KAZ"))
      expect((await record(editor.key, id, act("copy_forwarded", "2026-06-20", s))).status).toBe(201);
    expect((await record(editor.key, id, act("copy_forwarded", "2026-06-19", "rats"))).status).toBe(201);
    const done = await depositaryOf(id);
    expect(done).toMatchObject({
      complete: true,
      forwarded: MEMBERS_2025,
      missing: [],
      rats: { recipient: { kind: "rats" }, date: { date: "2026-06-19" } },
    });
    expect(done.actions.map((a) => a.action)).toEqual([
      "original_received",
      "certified_copy_made",
      ...Array(9).fill("copy_forwarded"),
      "copy_forwarded",
      "copy_forwarded",
    ]);
  });

  it("puts each act in the change feed and the audit log, in the same batch", async () => {
    const editor = await createKey("editor");
    const admin = await createKey("admin");
    const id = await withCertifiedCopy(editor.key);
    const before = await snapshot();
    expect((await record(editor.key, id, act("copy_forwarded", "2026-06-18", "RUS"))).status).toBe(201);
    expect(await snapshot()).toEqual({ audit: before.audit + 1, changes: before.changes + 1, acts: before.acts + 1 });
    const { body: audit } = await getJson(`/v1/audit?entityType=depositary_action`, {
      headers: { Authorization: `Bearer ${admin.key}` },
    });
    const entry = audit.items.find(
      (r: { entityId: string; action: string }) =>
        r.entityId.startsWith(`${id}/dep_`) && r.action === "depositary.copy_forwarded",
    );
    expect(entry).toMatchObject({
      before: null,
      after: { agreementId: id, recipient: { kind: "member_state", state: "RUS" } },
    });
  });

  it("replays a retry with the same Idempotency-Key without writing", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    const first = await record(editor.key, id, act("copy_forwarded", "2026-06-18", "CHN"), {
      "Idempotency-Key": `dep-${id}`,
    });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await record(editor.key, id, act("copy_forwarded", "2026-06-18", "CHN"), {
      "Idempotency-Key": `dep-${id}`,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await snapshot()).toEqual(before);
  });
});

describe("the rules, each refused without a trace", () => {
  it("forwards only after the conclusion (409)", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key, CONCLUDED);
    const before = await snapshot();
    for (const body of [act("copy_forwarded", "2026-06-18", "KAZ"), act("original_received", "2026-06-16")]) {
      expect(await expectProblem(await record(editor.key, id, body), 409)).toMatchObject({
        type: "/problems/not-concluded",
      });
    }
    expect(await snapshot()).toEqual(before);
    expect(await depositaryOf(id)).toMatchObject({ basis: null, complete: null, members: [], actions: [] });
  });

  it("refuses a forward to a state that was not a member on the date of conclusion, or is no state (422)", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    const before = await snapshot();
    for (const recipient of ["MNG", "TUR", "XX", "ZZZ"]) {
      const problem = await expectProblem(
        await record(editor.key, id, act("copy_forwarded", "2026-06-18", recipient)),
        422,
      );
      expect(problem.type).toBe("/problems/not-a-member");
      expect(problem.errors).toEqual([expect.objectContaining({ path: "recipient" })]);
    }
    // "asean" is a party, but no state (and not a valid recipient code at all).
    await expectProblem(await record(editor.key, id, act("copy_forwarded", "2026-06-18", "asean")), 422);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an act dated before the conclusion or more than a year ahead (422); a month containing the conclusion is fine", async () => {
    const editor = await createKey("editor");
    const id = await concluded(editor.key);
    const before = await snapshot();
    expect(
      await expectProblem(await record(editor.key, id, act("original_received", "2026-06-14")), 422),
    ).toMatchObject({ type: "/problems/before-conclusion" });
    expect(await expectProblem(await record(editor.key, id, act("original_received", "2026-05")), 422)).toMatchObject({
      type: "/problems/before-conclusion",
    });
    const dayAfterHorizon = new Date(Date.parse(horizonDay(today())) + 86_400_000).toISOString().slice(0, 10);
    expect(
      await expectProblem(await record(editor.key, id, act("original_received", dayAfterHorizon)), 422),
    ).toMatchObject({ type: "/problems/date-beyond-horizon" });
    expect(await snapshot()).toEqual(before);
    expect((await record(editor.key, id, act("original_received", "2026-06"))).status).toBe(201);
  });

  it("records the original once and each recipient's copy once (409, naming the first)", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    expect((await record(editor.key, id, act("copy_forwarded", "2026-06-18", "IND"))).status).toBe(201);
    expect((await record(editor.key, id, act("copy_forwarded", "2026-06-18", "rats"))).status).toBe(201);
    const before = await snapshot();
    const again = await expectProblem(await record(editor.key, id, act("copy_forwarded", "2026-07-01", "IN")), 409);
    expect(again).toMatchObject({ type: "/problems/depositary-duplicate" });
    expect(String(again.detail)).toContain("IND (2026-06-18)");
    await expectProblem(await record(editor.key, id, act("copy_forwarded", "2026-07-01", "RATS")), 409);
    await expectProblem(await record(editor.key, id, act("original_received", "2026-06-20")), 409);
    expect(await snapshot()).toEqual(before);
    // Further certified copies may be made.
    expect((await record(editor.key, id, act("certified_copy_made", "2026-06-20"))).status).toBe(201);
  });

  it("keeps the acts in order where the log is kept: a copy from the original, a forward of a certified copy", async () => {
    const editor = await createKey("editor");
    const id = await concluded(editor.key);
    const before = await snapshot();
    expect(
      await expectProblem(await record(editor.key, id, act("certified_copy_made", "2026-06-17")), 409),
    ).toMatchObject({ type: "/problems/prior-step-missing" });
    expect(
      await expectProblem(await record(editor.key, id, act("copy_forwarded", "2026-06-18", "KAZ")), 409),
    ).toMatchObject({ type: "/problems/prior-step-missing" });
    expect(await snapshot()).toEqual(before);
    expect((await record(editor.key, id, act("original_received", "2026-06-20"))).status).toBe(201);
    expect(
      await expectProblem(await record(editor.key, id, act("certified_copy_made", "2026-06-19")), 422),
    ).toMatchObject({ type: "/problems/before-prior-step" });
    expect((await record(editor.key, id, act("certified_copy_made", "2026-06-20"))).status).toBe(201);
  });

  it("validates the body (422): a recipient for forwards only, sources required", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    const before = await snapshot();
    await expectProblem(await record(editor.key, id, act("copy_forwarded", "2026-06-18")), 422);
    await expectProblem(await record(editor.key, id, act("original_received", "2026-06-18", "KAZ")), 422);
    await expectProblem(
      await record(editor.key, id, { ...act("certified_copy_made", "2026-06-18"), sources: [] }),
      422,
    );
    await expectProblem(await record(editor.key, id, { ...act("certified_copy_made", "2026-06-18"), actor: " " }), 422);
    await expectProblem(await record(editor.key, id, act("certified_copy_made", "2026-13")), 422);
    expect(await snapshot()).toEqual(before);
  });

  it("needs an editor's key (401) and answers 404 for an unknown agreement", async () => {
    await expectProblem(await record("", "sco-asean-mou-2005", act("original_received", "2005-05")), 401);
    const editor = await createKey("editor");
    await expectProblem(await record(editor.key, "no-such-agreement", act("original_received", "2026-06-16")), 404);
    await expectProblem(await call("/v1/agreements/no-such-agreement/depositary"), 404);
  });
});

describe("agreements concluded before the registry", () => {
  it("say not recorded, never missing, and take sourced archive entries without a prior step", async () => {
    const before = await depositaryOf("sco-asean-mou-2005");
    expect(before).toMatchObject({
      basis: "2005-04-21",
      logKept: false,
      complete: null,
      forwarded: [],
      missing: [],
      notRecorded: MEMBERS_2016,
      actions: [],
    });
    expect(before.members.every((m) => m.copy === "not_recorded" && m.forward === null)).toBe(true);
    const editor = await createKey("editor");
    expect((await record(editor.key, "sco-asean-mou-2005", act("copy_forwarded", "2005-05", "RUS"))).status).toBe(201);
    const after = await depositaryOf("sco-asean-mou-2005");
    expect(after).toMatchObject({
      complete: null,
      forwarded: ["RUS"],
      missing: [],
      notRecorded: MEMBERS_2016.filter((s) => s !== "RUS"),
    });
    // A member of today that joined later was not a member on the date of conclusion.
    await expectProblem(await record(editor.key, "sco-asean-mou-2005", act("copy_forwarded", "2005-05", "IND")), 422);
  });

  it("refuse acts when the date of conclusion is known only to the month (409): its members are not known", async () => {
    expect(await depositaryOf("sco-npl-dialogue-partner-memorandum-2016")).toMatchObject({
      basis: null,
      complete: null,
      members: [],
    });
    const editor = await createKey("editor");
    const problem = await expectProblem(
      await record(editor.key, "sco-npl-dialogue-partner-memorandum-2016", act("copy_forwarded", "2016-04", "RUS")),
      409,
    );
    expect(problem.type).toBe("/problems/conclusion-date-imprecise");
  });
});

describe("concurrency", () => {
  it("five identical forwards at once: one 201, four 409, one record", async () => {
    const editor = await createKey("editor");
    const id = await withCertifiedCopy(editor.key);
    const before = await snapshot();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => record(editor.key, id, act("copy_forwarded", "2026-06-18", "PAK"))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of answers.filter((x) => x.status === 409))
      expect((await expectProblem(r, 409)).type).toBe("/problems/depositary-duplicate");
    expect(await snapshot()).toEqual({ audit: before.audit + 1, changes: before.changes + 1, acts: before.acts + 1 });
    expect((await depositaryOf(id)).forwarded).toEqual(["PAK"]);
  });
});
