/**
 * Fuzzes authentication on every secured operation with requests that would otherwise be valid:
 * no key, malformed Authorization headers, unknown and revoked keys, editor keys on admin routes.
 * Each must be a 401 (403 for an editor key on an admin route) problem+json and write nothing.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN } from "../helpers";
import { DOC, OPERATIONS, type Operation, SEED, send, sendChecked, snapshot } from "./harness";
import type { Schema } from "./json-schema";
import { headerSafe } from "./requests";
import { hostileString, valid } from "./schema-arbitraries";

const SECURED = OPERATIONS.filter((op) => op.secured);
const keys = { editor: "", admin: "", revokedEditor: "", revokedAdmin: "", editorId: "" };
let agreementId = "";

async function createKey(role: string) {
  const res = await send({
    method: "POST",
    url: "/v1/api-keys",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `auth fuzz ${role}`, role }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

async function revoked(role: string) {
  const key = await createKey(role);
  const res = await send({
    method: "DELETE",
    url: `/v1/api-keys/${key.id}`,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(204);
  return key.key;
}

beforeAll(async () => {
  console.log(`auth fuzz seed: ${SEED} (replay: FUZZ_SEED=${SEED})`);
  const editor = await createKey("editor");
  Object.assign(keys, {
    editor: editor.key,
    editorId: editor.id,
    admin: (await createKey("admin")).key,
    revokedEditor: await revoked("editor"),
    revokedAdmin: await revoked("admin"),
  });
  const list = (await (await send({ method: "GET", url: "/v1/agreements?limit=1", headers: {} })).json()) as {
    items: { id: string }[];
  };
  agreementId = list.items[0]!.id;
}, 30_000);

/** An Authorization header that must not authenticate, and the status it must get. */
type BadAuth = (op: Operation) => { header?: string; status: number };

const badAuth: fc.Arbitrary<BadAuth> = fc.oneof(
  fc.constant(() => ({ status: 401 })),
  fc
    .constantFrom<(k: typeof keys) => string>(
      (k) => k.editor, // no scheme
      (k) => `Basic ${k.editor}`,
      (k) => `Token ${k.admin}`,
      (k) => `Bearer  ${k.admin}x`,
      (k) => `Bearer ${k.admin} ${k.admin}`,
      (k) => `Bearer ${k.admin}\u0000`.replace("\u0000", "?"),
      (k) => `Bearer ${k.admin.slice(0, -1)}`,
      (k) => `Bearer ${k.admin}A`,
      () => "Bearer",
      () => "Bearer ",
      () => `Bearer ${"a".repeat(10_000)}`,
      () => `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      () => `Bearer ${ADMIN_TOKEN}0`,
      () => "Bearer sco_0000000000000000000000000000000000000000000",
      () => "Bearer ' OR 1=1 --",
    )
    .map((make) => () => ({ header: make(keys), status: 401 })),
  hostileString.map((s) => () => ({ header: headerSafe(`Bearer ${s}`), status: 401 })),
  fc
    .constantFrom(
      () => keys.revokedEditor,
      () => keys.revokedAdmin,
    )
    .map((k) => () => ({ header: `Bearer ${k()}`, status: 401 })),
  fc.constant((op: Operation) => ({ header: `Bearer ${keys.editor}`, status: op.admin ? 403 : 0 })),
);

function pathOf(op: Operation) {
  return op.path
    .replace("{code}", "IRN")
    .replace(
      "{id}",
      op.id === "revokeApiKey" ? keys.editorId : op.path.includes("organisations") ? "asean" : agreementId,
    );
}

describe("authentication", () => {
  it("answers every bad key with a 401/403 problem and writes nothing", async () => {
    const opArb = fc.constantFrom(...SECURED).chain((op) => {
      const schema = op.op.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
      return fc.tuple(
        fc.constant(op),
        schema ? valid(schema, DOC).map((v) => JSON.stringify(v)) : fc.constant(undefined),
        badAuth,
      );
    });
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(opArb, async ([op, body, auth]) => {
        const { header, status } = auth(op);
        if (status === 0) return; // an editor key on an editor route is not an auth failure
        const headers: Record<string, string> = { "content-type": "application/json", "if-match": '"1"' };
        if (header !== undefined) headers.authorization = header;
        const before = await snapshot();
        const answer = await sendChecked(op, { method: op.method, url: pathOf(op), headers, body });
        sent++;
        expect(answer.status, `${op.method} ${op.path} with ${JSON.stringify(header?.slice(0, 80))}`).toBe(status);
        if (status === 401) expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
        expect(await snapshot()).toEqual(before);
      }),
      { seed: SEED, numRuns: 600, endOnFailure: true },
    );
    console.log(`auth fuzz: ${sent} requests (seed ${SEED})`);
    expect(
      (await send({ method: "GET", url: "/v1/api-keys", headers: { authorization: `Bearer ${keys.admin}` } })).status,
    ).toBe(200);
  }, 60_000);
});
