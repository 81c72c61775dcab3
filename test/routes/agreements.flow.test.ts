import { describe, expect, it } from "vitest";
import { AgreementSchema } from "../../src/routes/agreements/agreements.schemas";
import { AuditListSchema } from "../../src/routes/audit/audit.schemas";
import { ChangeFeedSchema } from "../../src/routes/changes/changes.schemas";
import { ConsentStatusSchema } from "../../src/routes/consents/consents.schemas";
import {
  ADMIN_TOKEN,
  agreementAwaitingConsent,
  allItems,
  call,
  consent,
  createKey,
  draftAgreement,
  expectProblem,
  getJson,
  MEMBERS_2016,
  MEMBERS_2018,
  MEMBERS_2023,
  MEMBERS_2025,
  send,
} from "../helpers";
import { agreementTables } from "../helpers/db";

const requiredOn = async (key: string, proposed: string) => {
  const { id } = await agreementAwaitingConsent(key, proposed);
  const { body } = await getJson(`/v1/agreements/${id}/consents`);
  return ConsentStatusSchema.parse(body).required;
};

describe("which member states must consent", () => {
  it("follows the membership on the date of conclusion: 6, 8, 9, 10", async () => {
    const editor = await createKey("editor");
    expect(await requiredOn(editor.key, "2016-05-01")).toEqual(MEMBERS_2016);
    expect(await requiredOn(editor.key, "2018-05-01")).toEqual(MEMBERS_2018);
    expect(await requiredOn(editor.key, "2023-07-04")).toEqual(MEMBERS_2023);
    expect(await requiredOn(editor.key, "2024-07-03")).toEqual(MEMBERS_2023);
    expect(await requiredOn(editor.key, "2024-07-04")).toEqual(MEMBERS_2025);
  });

  it("refuses a consent from a state that was not a member on the consent date, naming the members then, and changes nothing", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key, "2026-03-01");
    const before = { tables: await agreementTables(), agreement: (await getJson(`/v1/agreements/${id}`)).body };
    // A member later (BLR, also by alpha-2), an observer (MNG), no party (XXX), an organisation (cis).
    for (const [state, day, members] of [
      ["BLR", "2024-01-10", MEMBERS_2023],
      ["by", "2024-01-10", MEMBERS_2023],
      ["MNG", "2026-01-10", MEMBERS_2025],
      ["XXX", "2026-01-10", MEMBERS_2025],
      ["cis", "2026-01-10", MEMBERS_2025],
    ] as const) {
      const problem = await expectProblem(await consent(editor.key, id, state, day), 422);
      expect(problem, state).toMatchObject({
        type: "/problems/not-a-member",
        detail: `${state.toUpperCase()} was not a member state on ${day}; only member states consent (members then: ${members.join(", ")})`,
        errors: [{ path: "state", message: `not a member on ${day}`, code: "custom" }],
      });
    }
    expect({ tables: await agreementTables(), agreement: (await getJson(`/v1/agreements/${id}`)).body }).toEqual(
      before,
    );
    expect((await consent(editor.key, id, "BY", "2025-01-10")).status).toBe(201);
  });

  it("answers an unknown agreement with 404 and one no longer collecting consents with 409, as before", async () => {
    const editor = await createKey("editor");
    const missing = await expectProblem(await consent(editor.key, "no-such-agreement", "KAZ", "2026-01-10"), 404);
    expect(missing).toMatchObject({ type: "/problems/not-found", detail: 'No agreement with id "no-such-agreement"' });
    const { body } = await draftAgreement(editor.key);
    const draft = body.id as string;
    for (const res of [
      await consent(editor.key, draft, "KAZ", "2026-01-10"),
      await send("DELETE", `/v1/agreements/${draft}/consents/KAZ`, undefined, editor.key),
    ]) {
      expect(await expectProblem(res, 409)).toMatchObject({
        type: "/problems/not-collecting-consents",
        detail: `Agreement ${draft} is draft; consents are recorded and withdrawn only while it is awaiting_consent or consented`,
      });
    }
  });
});

describe("the agreements of a counterparty", () => {
  it("lists, for each counterparty asked in turn, only its own agreements (a compiled query binds each request's values)", async () => {
    for (const ref of ["asean", "UN", "cis", "unescap", "asean"]) {
      const list = AgreementSchema.array().parse(await allItems(`/v1/agreements?counterparty=${ref}&limit=200`));
      expect(list.length, ref).toBeGreaterThan(0);
      for (const a of list)
        expect(
          a.counterparties.map((c) => c.id),
          `${ref}: ${a.id}`,
        ).toContain(ref.toLowerCase());
    }
  });
});

describe("the department's flow with ASEAN", () => {
  it("drafts, collects consents, is refused while one is missing, concludes, and shows it everywhere", async () => {
    const admin = await createKey("admin", "head of department");
    const editor = await createKey("editor", "desk officer");
    const changesBefore = ChangeFeedSchema.parse((await getJson("/v1/changes?limit=200")).body);
    let since = changesBefore.cursor;
    while (true) {
      const page = ChangeFeedSchema.parse((await getJson(`/v1/changes?since=${since}&limit=200`)).body);
      since = page.cursor;
      if (!page.hasMore) break;
    }

    const draft = await draftAgreement(editor.key, {
      proposed: "2026-06-15",
      title: {
        en: "Memorandum on cultural exchanges between the SCO Secretariat and the ASEAN Secretariat",
        ru: "Меморандум",
      },
    });
    expect(draft.body).toMatchObject({
      lifecycle: "draft",
      version: 1,
      counterparties: [{ id: "asean", kind: "organisation" }],
    });
    const id = draft.body.id as string;
    let res = await send("PATCH", `/v1/agreements/${id}`, { lifecycle: "awaiting_consent" }, editor.key, {
      "If-Match": draft.etag,
    });
    expect(res.status).toBe(200);

    for (const state of MEMBERS_2025.filter((s) => s !== "UZB"))
      expect((await consent(editor.key, id, state, "2026-02-01")).status).toBe(201);
    let etag = (await call(`/v1/agreements/${id}`)).headers.get("etag")!;
    res = await send("POST", `/v1/agreements/${id}/conclusion`, { date: "2026-06-15", place: "Beijing" }, editor.key, {
      "If-Match": etag,
    });
    const refused = await expectProblem(res, 409);
    expect(refused).toMatchObject({ missing: ["UZB"], objecting: [] });
    expect(String(refused.detail)).toContain("UZB");

    res = await consent(editor.key, id, "UZB", "2026-02-02");
    const tally = ConsentStatusSchema.parse(await res.json());
    expect(tally).toMatchObject({ complete: true, missing: [] });
    const consented = AgreementSchema.parse((await getJson(`/v1/agreements/${id}`)).body);
    expect(consented.lifecycle).toBe("consented");

    etag = (await call(`/v1/agreements/${id}`)).headers.get("etag")!;
    res = await send("POST", `/v1/agreements/${id}/conclusion`, { date: "2026-06-15", place: "Beijing" }, editor.key, {
      "If-Match": etag,
    });
    expect(res.status).toBe(200);
    expect(AgreementSchema.parse(await res.json())).toMatchObject({
      lifecycle: "concluded",
      signed: { date: "2026-06-15", precision: "day" },
      place: "Beijing",
    });

    const list = AgreementSchema.array().parse(
      await allItems("/v1/agreements?counterparty=asean&lifecycle=concluded&limit=200"),
    );
    expect(list.map((a) => a.id)).toContain(id);
    const orgList = AgreementSchema.array().parse(await allItems("/v1/organisations/asean/agreements?limit=200"));
    expect(orgList.map((a) => a.id)).toContain(id);

    const feed = ChangeFeedSchema.parse((await getJson(`/v1/changes?since=${since}&limit=200`)).body);
    const mine = feed.items.filter((ch) => ch.entityId === id || ch.entityId.startsWith(`${id}/`));
    expect(mine.map((ch) => ch.action)).toEqual([
      "agreement.created",
      "agreement.submitted",
      ...MEMBERS_2025.map(() => "agreement.consent_recorded"),
      "agreement.concluded",
    ]);

    const audit = AuditListSchema.parse(
      (await getJson(`/v1/audit?entityId=${id}&limit=200`, { headers: { Authorization: `Bearer ${admin.key}` } })).body,
    );
    expect(audit.items.map((a) => a.action)).toEqual([
      "agreement.created",
      "agreement.submitted",
      "agreement.concluded",
    ]);
    expect(audit.items.every((a) => a.actor.keyId === editor.id && a.actor.name === "desk officer")).toBe(true);
    expect(audit.items[2]!.before).toMatchObject({ lifecycle: "consented" });
    expect(audit.items[2]!.after).toMatchObject({ lifecycle: "concluded" });
    const consentAudit = AuditListSchema.parse(
      (
        await getJson(`/v1/audit?entityType=consent&actor=${editor.id}&limit=200`, {
          headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).body,
    );
    expect(consentAudit.items.filter((a) => a.entityId.startsWith(`${id}/`))).toHaveLength(MEMBERS_2025.length);
  });

  it("lets an objection block the conclusion", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key, "2026-06-15");
    for (const state of MEMBERS_2025)
      expect(
        (await consent(editor.key, id, state, "2026-02-01", state === "IND" ? "objection" : "consent")).status,
      ).toBe(201);
    const etag = (await call(`/v1/agreements/${id}`)).headers.get("etag")!;
    expect(AgreementSchema.parse((await getJson(`/v1/agreements/${id}`)).body).lifecycle).toBe("awaiting_consent");
    const res = await send("POST", `/v1/agreements/${id}/conclusion`, { date: "2026-06-15" }, editor.key, {
      "If-Match": etag,
    });
    expect(await expectProblem(res, 409)).toMatchObject({ objecting: ["IND"], missing: [] });
  });
});
