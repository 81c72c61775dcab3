import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, agreementAwaitingConsent, allItems, call, createKey, expectProblem, send } from "../helpers";

const WRITE_ROUTES: [string, string][] = [
  ["POST", "/v1/agreements"],
  ["PATCH", "/v1/agreements/sco-asean-mou-2005"],
  ["POST", "/v1/agreements/sco-asean-mou-2005/consents"],
  ["POST", "/v1/agreements/sco-asean-mou-2005/conclusion"],
  ["POST", "/v1/agreements/sco-asean-mou-2005/entry-into-force"],
  ["POST", "/v1/agreements/sco-asean-mou-2005/termination"],
  ["POST", "/v1/status-events"],
  ["POST", "/v1/api-keys"],
  ["GET", "/v1/api-keys"],
  ["DELETE", "/v1/api-keys/key_0123456789abcdef"],
  ["GET", "/v1/audit"],
];
const ADMIN_ROUTES = WRITE_ROUTES.filter(([, path]) => path.startsWith("/v1/api-keys") || path === "/v1/audit");

describe("authentication", () => {
  it("answers 401 with WWW-Authenticate on every write route without a key", async () => {
    for (const [method, path] of WRITE_ROUTES) {
      const res = await send(method, path, method === "GET" || method === "DELETE" ? undefined : {});
      const body = await expectProblem(res, 401);
      expect(res.headers.get("www-authenticate"), `${method} ${path}`).toMatch(/^Bearer realm="sco-registry"/);
      expect(body.instance).toBe(path);
    }
  });

  it("answers 401 to malformed Authorization headers and unknown keys", async () => {
    for (const header of [
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer short",
      "bearer  x",
      `Bearer ${"x".repeat(300)}`,
      "Bearer sco_unknown_key_000000000000",
    ]) {
      const res = await call("/v1/agreements", {
        method: "POST",
        headers: { Authorization: header, "Content-Type": "application/json" },
        body: "{}",
      });
      await expectProblem(res, 401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("answers 403 to an editor key on admin routes", async () => {
    const editor = await createKey("editor");
    for (const [method, path] of ADMIN_ROUTES) {
      const res = await send(method, path, method === "POST" ? { name: "x", role: "editor" } : undefined, editor.key);
      await expectProblem(res, 403);
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    }
  });

  it("shows a key's secret once, stores only its hash, and lists keys without secrets", async () => {
    const admin = await createKey("admin", "second admin");
    expect(admin.key).toMatch(/^sco_[A-Za-z0-9_-]{40,}$/);
    const res = await send("GET", "/v1/api-keys?limit=200", undefined, admin.key);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(admin.key);
    // every page, as other test files sharing the database add keys too
    const keys = await allItems<Record<string, unknown>>("/v1/api-keys?limit=200", {
      headers: { Authorization: `Bearer ${admin.key}` },
    });
    expect(JSON.stringify(keys)).not.toContain(admin.key);
    expect(keys.map((k) => k.id)).toContain(admin.id);
  });

  it("refuses a revoked key at once", async () => {
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key);
    expect((await send("DELETE", `/v1/api-keys/${editor.id}`, undefined, ADMIN_TOKEN)).status).toBe(204);
    const res = await send(
      "POST",
      `/v1/agreements/${id}/consents`,
      { state: "CHN", decision: "consent", date: "2026-01-10" },
      editor.key,
    );
    await expectProblem(res, 401);
    await expectProblem(await send("DELETE", `/v1/api-keys/${editor.id}`, undefined, ADMIN_TOKEN), 409);
    await expectProblem(await send("DELETE", "/v1/api-keys/key_0000000000000000", undefined, ADMIN_TOKEN), 404);
  });

  it("takes the Bearer scheme in any case", async () => {
    const res = await call("/v1/api-keys", { headers: { Authorization: `bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
  });

  it("keeps public reads open", async () => {
    expect((await call("/v1/agreements")).status).toBe(200);
    expect((await call("/v1/changes")).status).toBe(200);
  });
});

describe("caching of authenticated reads", () => {
  it("never marks the key list or the audit log as publicly cacheable", async () => {
    for (const path of ["/v1/api-keys", "/v1/audit"]) {
      const res = await send("GET", path, undefined, ADMIN_TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
  });
});
