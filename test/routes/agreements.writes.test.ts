import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../src/lib/rate-limits";
import { AgreementSchema } from "../../src/routes/agreements/agreements.schemas";
import {
  ADMIN_TOKEN,
  agreementAwaitingConsent,
  call,
  consent,
  createKey,
  draftAgreement,
  expectProblem,
  getJson,
  MEMBERS_2025,
  send,
} from "../helpers";
import { counted } from "../helpers/d1-counter";
import { agreementTables } from "../helpers/db";

const etagOf = async (id: string) => (await call(`/v1/agreements/${id}`)).headers.get("etag")!;

/** Runs `act` and asserts that it changed nothing: no row, no audit record, no change. */
async function changesNothing(act: () => Promise<void>) {
  const before = await agreementTables();
  await act();
  expect(await agreementTables()).toEqual(before);
}

async function concludedAgreement(key: string) {
  const { id } = await agreementAwaitingConsent(key, "2026-06-15");
  for (const s of MEMBERS_2025) expect((await consent(key, id, s, "2026-02-01")).status).toBe(201);
  const res = await send("POST", `/v1/agreements/${id}/conclusion`, { date: "2026-06-15" }, key, {
    "If-Match": await etagOf(id),
  });
  expect(res.status).toBe(200);
  return id;
}

describe("lifecycle transitions", () => {
  it("allows draft → awaiting_consent → draft, and every step after the conclusion", async () => {
    const editor = await createKey("editor");
    const { id, etag } = await agreementAwaitingConsent(editor.key);
    let res = await send("PATCH", `/v1/agreements/${id}`, { lifecycle: "draft" }, editor.key, { "If-Match": etag });
    expect(AgreementSchema.parse(await res.json()).lifecycle).toBe("draft");
    const done = await concludedAgreement(editor.key);
    res = await send("POST", `/v1/agreements/${done}/entry-into-force`, { date: "2026-07-01" }, editor.key, {
      "If-Match": await etagOf(done),
    });
    expect(AgreementSchema.parse(await res.json())).toMatchObject({
      lifecycle: "in_force",
      inForce: { date: "2026-07-01" },
    });
    res = await send(
      "POST",
      `/v1/agreements/${done}/termination`,
      { date: "2026-11-30", outcome: "expired" },
      editor.key,
      { "If-Match": await etagOf(done) },
    );
    expect(AgreementSchema.parse(await res.json())).toMatchObject({
      lifecycle: "expired",
      ended: { date: "2026-11-30" },
    });
  });

  it("refuses illegal transitions with a 409 naming the transition and the allowed ones, changing nothing", async () => {
    const editor = await createKey("editor");
    const { body, etag } = await draftAgreement(editor.key);
    await changesNothing(async () => {
      const res = await send("POST", `/v1/agreements/${body.id}/conclusion`, { date: "2026-06-15" }, editor.key, {
        "If-Match": etag,
      });
      expect(await expectProblem(res, 409)).toMatchObject({
        from: "draft",
        to: "concluded",
        allowed: ["awaiting_consent"],
      });
      await expectProblem(
        await send("POST", `/v1/agreements/${body.id}/entry-into-force`, { date: "2026-06-15" }, editor.key, {
          "If-Match": etag,
        }),
        409,
      );
      await expectProblem(
        await send(
          "POST",
          `/v1/agreements/${body.id}/termination`,
          { date: "2026-06-15", outcome: "terminated" },
          editor.key,
          { "If-Match": etag },
        ),
        409,
      );
      await expectProblem(await consent(editor.key, body.id, "CHN", "2026-01-01"), 409);
    });
    const done = await concludedAgreement(editor.key);
    await changesNothing(async () => {
      const tag = await etagOf(done);
      const res = await send("PATCH", `/v1/agreements/${done}`, { lifecycle: "draft" }, editor.key, {
        "If-Match": tag,
      });
      expect(await expectProblem(res, 409)).toMatchObject({
        from: "concluded",
        allowed: ["in_force", "terminated", "expired"],
      });
      await expectProblem(
        await send("POST", `/v1/agreements/${done}/entry-into-force`, { date: "2026-01-01" }, editor.key, {
          "If-Match": tag,
        }),
        422,
      );
    });
  });
});

describe("concurrency", () => {
  it("requires If-Match (428) and refuses a stale one (412), changing nothing", async () => {
    const editor = await createKey("editor");
    const { body, etag } = await draftAgreement(editor.key);
    const ok = await send("PATCH", `/v1/agreements/${body.id}`, { place: "Tashkent" }, editor.key, {
      "If-Match": etag,
    });
    expect(ok.status).toBe(200);
    await changesNothing(async () => {
      await expectProblem(await send("PATCH", `/v1/agreements/${body.id}`, { place: "Astana" }, editor.key), 428);
      await expectProblem(
        await send("PATCH", `/v1/agreements/${body.id}`, { place: "Astana" }, editor.key, { "If-Match": etag }),
        412,
      );
    });
    expect((await getJson(`/v1/agreements/${body.id}`)).body.place).toBe("Tashkent");
  });

  it("lets only one of two editors with the same ETag win", async () => {
    const [a, b] = [await createKey("editor", "A"), await createKey("editor", "B")];
    const { body, etag } = await draftAgreement(a.key);
    const results = await Promise.all([
      send("PATCH", `/v1/agreements/${body.id}`, { place: "Moscow" }, a.key, { "If-Match": etag }),
      send("PATCH", `/v1/agreements/${body.id}`, { place: "Beijing" }, b.key, { "If-Match": etag }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await getJson(`/v1/agreements/${body.id}`)).body.place).toBe(
      AgreementSchema.parse(await winner.json()).place,
    );
  });

  it("lands 50 concurrent consents for distinct states and agreements exactly once each", async () => {
    const editor = await createKey("editor");
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await agreementAwaitingConsent(editor.key, "2026-06-15")).id);
    const before = await agreementTables();
    const results = await Promise.all(
      ids.flatMap((id) => MEMBERS_2025.map((s) => consent(editor.key, id, s, "2026-02-01"))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const after = await agreementTables();
    expect(after.consents - before.consents).toBe(50);
    expect(after.audit - before.audit).toBe(50);
    expect(after.changes - before.changes).toBe(50);
    for (const id of ids)
      expect((await getJson(`/v1/agreements/${id}`)).body).toMatchObject({ lifecycle: "consented", version: 12 });
  });
});

describe("idempotency", () => {
  it("answers a retry with the same key and body as the first time, writing once", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key, "2026-06-15");
    const body = { state: "KAZ", decision: "consent", date: "2026-02-01" };
    const first = await send("POST", `/v1/agreements/${id}/consents`, body, editor.key, {
      "Idempotency-Key": "retry-kaz-1",
    });
    expect(first.status).toBe(201);
    await changesNothing(async () => {
      const again = await send("POST", `/v1/agreements/${id}/consents`, body, editor.key, {
        "Idempotency-Key": "retry-kaz-1",
      });
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.text()).toBe(await first.text());
      await expectProblem(
        await send("POST", `/v1/agreements/${id}/consents`, { ...body, state: "RUS" }, editor.key, {
          "Idempotency-Key": "retry-kaz-1",
        }),
        422,
      );
    });
  });

  it("writes once when the same key is retried concurrently", async () => {
    const editor = await createKey("editor");
    const before = await agreementTables();
    const payload = {
      id: `idem-${Date.now()}`,
      kind: "protocol",
      title: { en: "Protocol" },
      counterparties: ["cis"],
      sources: ["test"],
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        send("POST", "/v1/agreements", payload, editor.key, { "Idempotency-Key": "create-once" }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect((await agreementTables()).agreements - before.agreements).toBe(1);
  });

  // requireRole reads the key's record with the API key (src/db/api-keys.ts); the bootstrap
  // ADMIN_TOKEN has no key row, and the idempotency middleware reads its record on its own.
  it("reads the record with the API key: a replay or a reused key's 422 costs one D1 query", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key);
    const post = (token: string, idem: string, state: string) =>
      counted(`/v1/agreements/${id}/consents`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": idem },
        body: JSON.stringify({ state, decision: "consent", date: "2026-02-01" }),
      });
    for (const token of [editor.key, ADMIN_TOKEN]) {
      const idem = `one-read-${token === ADMIN_TOKEN ? "bootstrap" : "key"}-${id}`;
      const state = token === ADMIN_TOKEN ? "CHN" : "KAZ";
      const first = await post(token, idem, state);
      expect(first.res.status, await first.res.clone().text()).toBe(201);
      const again = await post(token, idem, state);
      expect(again.res.status).toBe(201);
      expect(again.res.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.res.text()).toBe(await first.res.text());
      expect(again.queries, token === ADMIN_TOKEN ? "bootstrap" : "key").toBe(1);
      const reused = await post(token, idem, "RUS");
      await expectProblem(reused.res, 422);
      expect(reused.queries).toBe(1);
    }
  });

  it("answers a malformed Idempotency-Key with 400 after authentication (401 without a valid key), writing nothing", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key);
    const body = { state: "KAZ", decision: "consent", date: "2026-02-01" };
    await changesNothing(async () => {
      for (const idem of ["", "two words", "x".repeat(256), "tab\there"]) {
        const bad = await send("POST", `/v1/agreements/${id}/consents`, body, editor.key, { "Idempotency-Key": idem });
        expect((await expectProblem(bad, 400)).type, JSON.stringify(idem)).toMatch(/invalid-idempotency-key/);
        const unknown = "sco_unknown_key_000000000000";
        await expectProblem(
          await send("POST", `/v1/agreements/${id}/consents`, body, unknown, { "Idempotency-Key": idem }),
          401,
        );
      }
    });
  });
});

describe("bad input changes nothing", () => {
  it("answers malformed JSON, unknown fields, wrong types, huge bodies and wrong media types with problems", async () => {
    const editor = await createKey("editor");
    await changesNothing(async () => {
      const raw = (body: string, type = "application/json") =>
        call("/v1/agreements", {
          method: "POST",
          headers: { Authorization: `Bearer ${editor.key}`, "Content-Type": type },
          body,
        });
      await expectProblem(await raw("{not json"), 400);
      await expectProblem(
        await raw(
          JSON.stringify({ kind: "protocol", title: { en: "x" }, counterparties: ["cis"], sources: ["s"], secret: 1 }),
        ),
        422,
      );
      await expectProblem(
        await raw(
          JSON.stringify({ kind: "protocol", title: { en: "x".repeat(600) }, counterparties: ["cis"], sources: ["s"] }),
        ),
        422,
      );
      await expectProblem(
        await raw(JSON.stringify({ kind: "treaty", title: { en: "x" }, counterparties: ["cis"], sources: ["s"] })),
        422,
      );
      await expectProblem(
        await raw(JSON.stringify({ kind: "protocol", title: { en: "x" }, counterparties: ["ACEAN"], sources: ["s"] })),
        422,
      );
      await expectProblem(
        await raw(
          JSON.stringify({
            kind: "protocol",
            title: { en: "x" },
            counterparties: ["cis"],
            sources: ["s"],
            proposed: "219",
          }),
        ),
        422,
      );
      await expectProblem(await raw(JSON.stringify({ pad: "x".repeat(70 * 1024) })), 413);
      await expectProblem(await raw("kind=protocol", "application/x-www-form-urlencoded"), 415);
      await expectProblem(
        await raw(
          JSON.stringify({
            id: "sco-asean-mou-2005",
            kind: "protocol",
            title: { en: "x" },
            counterparties: ["cis"],
            sources: ["s"],
          }),
        ),
        409,
      );
    });
  });

  // Deterministic whatever the clock: 2L+1 requests within one period (60 s; this loop takes a few)
  // must meet a 429, wherever the window boundary falls (the argument is in test/routes/rate-limits.routes.test.ts).
  it("rate limits writes per key with 429 and Retry-After", async () => {
    const { limit, period } = RATE_LIMITS.write;
    const editor = await createKey("editor");
    let limited: Response | undefined;
    for (let i = 0; i < 2 * limit + 1 && !limited; i++) {
      const res = await send("POST", "/v1/agreements", { bad: true }, editor.key);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(422);
    }
    expect(limited, `no 429 within ${2 * limit + 1} writes`).toBeDefined();
    expect(limited!.headers.get("retry-after")).toBe(String(period));
    expect(limited!.headers.get("x-ratelimit-limit")).toBe(String(limit));
    await expectProblem(limited!, 429);
    const other = await createKey("editor");
    expect((await send("POST", "/v1/agreements", { bad: true }, other.key)).status).toBe(422);
  }, 120_000);
});

describe("the consent write's statements (issue 13: at most 6 in its batch)", () => {
  const editorHeaders = (key: string, more: Record<string, string> = {}) => ({
    Authorization: `Bearer ${key}`,
    "Content-Type": "application/json",
    ...more,
  });

  // `counted` counts every statement that reaches the D1 binding, and those sent in a batch apart:
  // the reads before the batch are the difference (nothing is read after a write's batch).
  it("records a consent with an Idempotency-Key in at most 6 batched statements, after 2 reads, leaving no guard row", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key);
    const write = await counted(`/v1/agreements/${id}/consents`, {
      method: "POST",
      headers: editorHeaders(editor.key, { "Idempotency-Key": `six-statements-${id}` }),
      body: JSON.stringify({ state: "KAZ", decision: "consent", date: "2026-02-01" }),
    });
    expect(write.res.status).toBe(201);
    // upsert, settle (gated: it checks the guards), the agreement's next version (a trigger closes the
    // open one), audit, change, idempotency record
    expect(write.batched).toBeLessThanOrEqual(6);
    // the API key with its record of this Idempotency-Key (one statement, src/db/api-keys.ts), and the
    // agreement with its consents, who must consent and the state
    expect(write.queries - write.batched).toBeLessThanOrEqual(2);
    const guards = await env.DB.prepare("SELECT count(*) AS n FROM write_guards").first<{ n: number }>();
    expect(guards?.n).toBe(0);
  });

  it("withdraws one in at most 6 batched statements, after 2 reads", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key);
    expect((await consent(editor.key, id, "KAZ", "2026-02-01")).status).toBe(201);
    const write = await counted(`/v1/agreements/${id}/consents/KAZ`, {
      method: "DELETE",
      headers: editorHeaders(editor.key),
    });
    expect(write.res.status).toBe(200);
    // guard (collecting, the consent exists), delete, settle (gated), the next version, audit, change
    expect(write.batched).toBeLessThanOrEqual(6);
    expect(write.queries - write.batched).toBeLessThanOrEqual(2);
  });
});
