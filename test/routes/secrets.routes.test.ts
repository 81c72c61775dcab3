import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CreatedApiKeySchema, ReplayedApiKeySchema } from "../../src/routes/api-keys/api-keys.schemas";
import { ADMIN_TOKEN, createKey, expectProblem, send } from "../helpers";

/** Every text value of every table (D1's and SQLite's internal tables aside), with where it lives. */
async function everyTextValue(): Promise<{ where: string; value: string }[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  const found: { where: string; value: string }[] = [];
  for (const { name } of tables.results) {
    const columns = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(name).all<{ name: string }>();
    for (const column of columns.results) {
      // Any column, whatever its declared type: SQLite keeps text wherever it is put.
      const rows = await env.DB.prepare(
        `SELECT "${column.name}" AS v FROM "${name}" WHERE typeof("${column.name}") = 'text'`,
      ).all<{ v: string }>();
      for (const row of rows.results) found.push({ where: `${name}.${column.name}`, value: row.v });
    }
  }
  return found;
}

describe("secrets never at rest", () => {
  it("keeps no key secret and no ADMIN_TOKEN in any column of any table, after creating, replaying and revoking keys", async () => {
    const secrets: string[] = [ADMIN_TOKEN];
    const create = (name: string, idem?: string) =>
      send("POST", "/v1/api-keys", { name, role: "editor" }, ADMIN_TOKEN, idem ? { "Idempotency-Key": idem } : {});

    const first = await create("secret scan, replayed", "scan-create-1");
    expect(first.status).toBe(201);
    const created = CreatedApiKeySchema.parse(await first.json());
    secrets.push(created.key);

    // The replay answers the same 201 without the secret, and says so.
    const replay = await create("secret scan, replayed", "scan-create-1");
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("location")).toBe(`/v1/api-keys/${created.id}`);
    const replayed = ReplayedApiKeySchema.parse(await replay.json());
    const { key: _secret, ...withoutSecret } = created;
    expect(replayed).toEqual({ ...withoutSecret, keyWithheld: true });
    expect(replayed).not.toHaveProperty("key");

    // Still withheld once the key is revoked; the key itself no longer authenticates.
    expect((await send("DELETE", `/v1/api-keys/${created.id}`, undefined, ADMIN_TOKEN)).status).toBe(204);
    const afterRevoke = await create("secret scan, replayed", "scan-create-1");
    expect(afterRevoke.status).toBe(201);
    const text = await afterRevoke.text();
    expect(text).not.toContain(created.key);
    expect(JSON.parse(text)).toMatchObject({ id: created.id, keyWithheld: true });
    await expectProblem(await send("GET", "/v1/api-keys", undefined, created.key), 401);

    // Keys made by another admin key, with and without an Idempotency-Key, one of them revoked.
    const admin = await createKey("admin", "secret scan admin");
    secrets.push(admin.key);
    for (const idem of ["scan-create-2", undefined]) {
      const res = await send(
        "POST",
        "/v1/api-keys",
        { name: `secret scan ${idem ?? "plain"}`, role: "admin" },
        admin.key,
        idem ? { "Idempotency-Key": idem } : {},
      );
      expect(res.status).toBe(201);
      const key = CreatedApiKeySchema.parse(await res.json());
      secrets.push(key.key);
      if (idem) expect((await send("DELETE", `/v1/api-keys/${key.id}`, undefined, admin.key)).status).toBe(204);
    }

    const values = await everyTextValue();
    // The scan must see the records these writes left, or it proves nothing.
    expect(values.some((v) => v.where === "idempotency_keys.response_body" && v.value.includes(created.id))).toBe(true);
    expect(values.some((v) => v.where === "api_keys.hash")).toBe(true);
    for (const secret of secrets) {
      const leaks = values.filter((v) => v.value.includes(secret)).map((v) => v.where);
      expect(leaks, `secret ${secret.slice(0, 8)}…`).toEqual([]);
    }
  });
});

describe("migration 0009 scrubs secrets stored before they were withheld", () => {
  it("removes the secret from an old key creation's idempotency record, marks it withheld, and leaves other records alone", async () => {
    const old = JSON.stringify({
      id: "key_old",
      name: "old",
      role: "editor",
      key: "sco_oldsecret0123456789",
      prefix: "sco_olds",
    });
    const other = JSON.stringify({ id: "agr-x", lifecycle: "draft" });
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (api_key_id, key, request_hash, status, response_body) VALUES ('bootstrap', 'm9-a', 'h', 201, ?), ('bootstrap', 'm9-b', 'h', 201, ?)",
    )
      .bind(old, other)
      .run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0009_"))!;
    for (const query of migration.queries) await env.DB.prepare(query).run();
    const rows = await env.DB.prepare(
      "SELECT key, response_body AS body FROM idempotency_keys WHERE key IN ('m9-a', 'm9-b') ORDER BY key",
    ).all<{ key: string; body: string }>();
    expect(rows.results.map((r) => JSON.parse(r.body))).toEqual([
      { id: "key_old", name: "old", role: "editor", prefix: "sco_olds", keyWithheld: true },
      { id: "agr-x", lifecycle: "draft" },
    ]);
  });
});
