/**
 * Focused tests for the bugs the fuzzer found, so they stay fixed whatever seed a run gets.
 */
import { describe, expect, it } from "vitest";
import { AppointBody } from "../../src/routes/secretariat/secretariat.schemas";
import { ADMIN_TOKEN, call, createKey, expectProblem, send } from "../helpers";
import { DOC, OPERATIONS, sendChecked } from "./harness";
import { validate } from "./json-schema";

const op = (id: string) => OPERATIONS.find((o) => o.id === id)!;
const get = (id: string, url: string) => sendChecked(op(id), { method: "GET", url, headers: {} });

describe("fuzz regressions", () => {
  // zod-openapi rendered PartialDateSchema.nullable() as allOf [PartialDate, {type: [object, null]}],
  // which no null satisfies, and StatusSchema.nullable() made the shared Status component nullable.
  it("documents nullable dates and statuses so that null validates and Status stays non-null", async () => {
    const partialDateOrNull = { anyOf: [{ $ref: "#/components/schemas/PartialDate" }, { type: "null" }] };
    expect(DOC.components.schemas.Agreement.properties.proposed).toEqual(partialDateOrNull);
    expect(DOC.components.schemas.StatusPeriod.properties.to).toMatchObject(partialDateOrNull);
    expect(DOC.components.schemas.StatusOnDay.properties.since).toMatchObject(partialDateOrNull);
    expect(DOC.components.schemas.Status.enum).not.toContain(null);
    expect(validate({ $ref: "#/components/schemas/Status" }, null, DOC)).not.toEqual([]);
    // real answers with null dates validate against the document (sendChecked throws otherwise)
    const agreements = (await get("listAgreements", "/v1/agreements?limit=200")).body as {
      items: { proposed: unknown }[];
    };
    expect(agreements.items.some((a) => a.proposed === null)).toBe(true);
    await get("getStateHistory", "/v1/states/CHN/history");
    expect(
      ((await get("getStateStatus", "/v1/states/LAO/status?at=1997-08-12")).body as { since: unknown }).since,
    ).toBeNull();
  });

  it("documents the 409 that revoking an already revoked key answers", async () => {
    const key = await createKey("editor", "revoked twice");
    const revoke = () => send("DELETE", `/v1/api-keys/${key.id}`, undefined, ADMIN_TOKEN);
    expect((await revoke()).status).toBe(204);
    const again = await revoke();
    expect(DOC.paths["/v1/api-keys/{id}"].delete.responses["409"]).toBeDefined();
    expect(await expectProblem(again, 409)).toMatchObject({ type: "/problems/already-revoked" });
  });

  // Every GET under /v1 was marked "Cache-Control: public, max-age=60", the admin-only key list and
  // audit log included: a shared cache would have served them to anyone. They answer 304 too.
  it("keeps authenticated reads out of shared caches, and documents their 304", async () => {
    for (const url of ["/v1/api-keys", "/v1/audit"]) {
      const res = await call(url, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const again = await call(url, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "If-None-Match": res.headers.get("etag")! },
      });
      expect(again.status).toBe(304);
      expect(DOC.paths[url].get.responses["304"]).toBeDefined();
    }
    expect((await call("/v1/states")).headers.get("cache-control")).toMatch(/^public/);
  });

  // zod-to-openapi wrote the regexes /\p{Script=Cyrillic}/u and /\p{Script=Han}/u as the patterns
  // "\p{Script=Cyrillic}/u" and "\p{Script=Han}/u": the contract refused every real name the server
  // takes (found through the fuzz's 422s on appointSecretariatTerm).
  it("documents the name patterns of a Secretariat appointment as the server checks them", () => {
    const names = DOC.components.schemas.AppointTerm.properties.name;
    for (const [name, ok] of [
      [{ en: "Vladimir Norov", ru: "Владимир Норов", zh: "弗拉基米尔·诺罗夫" }, true],
      [{ en: "Vladimir Norov", ru: "Vladimir Norov" }, false],
      [{ en: "Vladimir Norov", zh: "Vladimir Norov" }, false],
    ] as const) {
      expect(validate(names, name, DOC).length === 0, JSON.stringify(name)).toBe(ok);
      expect(AppointBody.shape.name.safeParse(name).success, JSON.stringify(name)).toBe(ok);
    }
  });
});
