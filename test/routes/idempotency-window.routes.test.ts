import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { IDEMPOTENCY_TTL_HOURS } from "../../src/lib/idempotency-window";
import { createKey, send, uniqueId } from "../helpers";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Sets when an idempotency record was made, as if it had been written then. */
const age = (apiKeyId: string, key: string, createdAt: number) =>
  env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE api_key_id = ? AND key = ?")
    .bind(iso(createdAt), apiKeyId, key)
    .run();

const recordOf = (apiKeyId: string, key: string) =>
  env.DB.prepare(
    "SELECT response_body AS body, created_at AS createdAt FROM idempotency_keys WHERE api_key_id = ? AND key = ?",
  )
    .bind(apiKeyId, key)
    .first<{ body: string; createdAt: string }>();

const createdBy = async (keyId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE actor_key_id = ? AND action = 'agreement.created'")
    .bind(keyId)
    .first<{ n: number }>())!.n;

// No id in the body: the registry generates one, so a request processed afresh is told apart from a replay.
const draft = (title: string) => ({
  kind: "protocol",
  title: { en: title },
  counterparties: ["cis"],
  sources: ["test"],
});

describe("idempotency records expire", () => {
  it(`replays within ${IDEMPOTENCY_TTL_HOURS} hours and processes the request afresh after`, async () => {
    const editor = await createKey("editor");
    const key = uniqueId("idem");
    const post = (title = "Protocol on expiry") =>
      send("POST", "/v1/agreements", draft(title), editor.key, { "Idempotency-Key": key });
    const first = await post();
    expect(first.status).toBe(201);
    const firstId = ((await first.json()) as { id: string }).id;

    // An hour inside the window (far from the boundary, whatever the test's own duration): replayed.
    await age(editor.id, key, Date.now() - (IDEMPOTENCY_TTL_HOURS - 1) * HOUR);
    const within = await post();
    expect(within.headers.get("idempotent-replayed")).toBe("true");
    expect(((await within.json()) as { id: string }).id).toBe(firstId);

    // Twice the window old: ignored. The retry writes a new agreement and its record replaces the old one.
    await age(editor.id, key, Date.now() - 2 * IDEMPOTENCY_TTL_HOURS * HOUR);
    const fresh = await post();
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
    const freshId = ((await fresh.json()) as { id: string }).id;
    expect(freshId).not.toBe(firstId);
    expect(JSON.parse((await recordOf(editor.id, key))!.body).id).toBe(freshId);
    expect(await createdBy(editor.id)).toBe(2);

    // The new record is replayed, and a different body under the key is refused again.
    expect((await post()).headers.get("idempotent-replayed")).toBe("true");
    expect((await post("Another protocol")).status).toBe(422);

    // An expired key may also carry a different request: it is a new key by then.
    await age(editor.id, key, Date.now() - 2 * IDEMPOTENCY_TTL_HOURS * HOUR);
    expect((await post("Another protocol")).status).toBe(201);
    expect(await createdBy(editor.id)).toBe(3);
  });

  it("writes once when concurrent retries reuse an expired key", async () => {
    const editor = await createKey("editor");
    const key = uniqueId("idem");
    const post = () =>
      send("POST", "/v1/agreements", draft("Protocol, concurrent retries"), editor.key, { "Idempotency-Key": key });
    expect((await post()).status).toBe(201);
    await age(editor.id, key, Date.now() - 2 * IDEMPOTENCY_TTL_HOURS * HOUR);

    const results = await Promise.all(Array.from({ length: 5 }, post));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
    const ids = new Set(await Promise.all(results.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === null)).toHaveLength(1);
    expect(await createdBy(editor.id)).toBe(2);
  });
});

describe("the scheduled clean-up", () => {
  it("deletes the records older than the window before the run's scheduled time, and only those", async () => {
    // A fixed instant, not the clock: the cut-off is computed from the controller's scheduledTime.
    const scheduledTime = Date.parse("2031-03-01T12:00:00.000Z");
    const apiKeyId = uniqueId("sched");
    const ages = { "48h": 48 * HOUR, "24h+1s": IDEMPOTENCY_TTL_HOURS * HOUR + 1000, "23h": 23 * HOUR, "1min": 60_000 };
    for (const [key, ms] of Object.entries(ages)) {
      await env.DB.prepare(
        "INSERT INTO idempotency_keys (api_key_id, key, request_hash, status, response_body, created_at) VALUES (?, ?, 'h', 201, '{}', ?)",
      )
        .bind(apiKeyId, key, iso(scheduledTime - ms))
        .run();
    }

    // The Worker entry's handler, called as the Cron Trigger calls it.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "0 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    const left = await env.DB.prepare("SELECT key FROM idempotency_keys WHERE api_key_id = ? ORDER BY key")
      .bind(apiKeyId)
      .all<{ key: string }>();
    expect(left.results.map((r) => r.key)).toEqual(["1min", "23h"]);
  });
});
