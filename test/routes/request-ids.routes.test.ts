import { describe, expect, it } from "vitest";
import { AuditListSchema } from "../../src/routes/audit/audit.schemas";
import { ADMIN_TOKEN, call, createKey, draftAgreement, expectProblem, getJson, send, uniqueId } from "../helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function auditOf(entityId: string) {
  const { body } = await getJson(`/v1/audit?entityId=${entityId}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return AuditListSchema.parse(body).items;
}

describe("request ids belong to the server", () => {
  it("answers with its own id, never the caller's X-Request-Id, on reads and problems alike", async () => {
    const read = await call("/v1/states/IRN/status", { headers: { "X-Request-Id": "forged-id" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("x-request-id")).toMatch(UUID);
    const missing = await call("/v1/states/XYZ/status", { headers: { "X-Request-Id": "forged-id" } });
    const problem = await expectProblem(missing, 404);
    expect(problem.requestId).toMatch(UUID);
    expect(problem.requestId).toBe(missing.headers.get("x-request-id"));
    expect(problem.requestId).not.toBe(read.headers.get("x-request-id"));
    for (const page of ["/", "/docs", "/openapi.json"]) {
      expect(
        (await call(page, { headers: { "X-Request-Id": "forged-id" } })).headers.get("x-request-id"),
        page,
      ).toMatch(UUID);
    }
  });

  it("records the server's id in the audit log and keeps the caller's apart as clientRequestId", async () => {
    const editor = await createKey("editor");
    const clientId = `desk-${uniqueId()}`;
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const res = await send(
        "POST",
        "/v1/agreements",
        {
          id: uniqueId("rid"),
          kind: "protocol",
          title: { en: "Protocol" },
          counterparties: ["cis"],
          sources: ["test"],
        },
        editor.key,
        { "X-Request-Id": clientId },
      );
      expect(res.status).toBe(201);
      const serverId = res.headers.get("x-request-id")!;
      expect(serverId).toMatch(UUID);
      const [record] = await auditOf(((await res.json()) as { id: string }).id);
      expect(record).toMatchObject({ action: "agreement.created", requestId: serverId, clientRequestId: clientId });
      ids.push(serverId);
    }
    // The same client id twice: two distinct server ids.
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("ignores a caller's id that is not 1-200 visible ASCII characters, and records none without one", async () => {
    const editor = await createKey("editor");
    for (const clientId of ["x".repeat(201), "has space", undefined]) {
      const { body, etag } = await draftAgreement(editor.key);
      const res = await send("PATCH", `/v1/agreements/${body.id}`, { lifecycle: "awaiting_consent" }, editor.key, {
        "If-Match": etag,
        ...(clientId === undefined ? {} : { "X-Request-Id": clientId }),
      });
      expect(res.status).toBe(200);
      const records = await auditOf(body.id);
      expect(records.at(-1)).toMatchObject({
        action: expect.stringMatching(/^agreement\./),
        requestId: res.headers.get("x-request-id"),
        clientRequestId: null,
      });
    }
    // The longest accepted id is kept whole.
    const longest = "y".repeat(200);
    const res = await send(
      "POST",
      "/v1/agreements",
      { id: uniqueId("rid"), kind: "protocol", title: { en: "Protocol" }, counterparties: ["cis"], sources: ["test"] },
      editor.key,
      { "X-Request-Id": longest },
    );
    const [record] = await auditOf(((await res.json()) as { id: string }).id);
    expect(record!.clientRequestId).toBe(longest);
  });

  it("gives an idempotent replay its own server id", async () => {
    const editor = await createKey("editor");
    const payload = {
      id: uniqueId("rid"),
      kind: "protocol",
      title: { en: "Protocol" },
      counterparties: ["cis"],
      sources: ["test"],
    };
    const first = await send("POST", "/v1/agreements", payload, editor.key, {
      "Idempotency-Key": payload.id,
      "X-Request-Id": "same",
    });
    const again = await send("POST", "/v1/agreements", payload, editor.key, {
      "Idempotency-Key": payload.id,
      "X-Request-Id": "same",
    });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("x-request-id")).toMatch(UUID);
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });
});
