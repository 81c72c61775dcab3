/**
 * What every fuzzed request is checked against: the contract of the committed OpenAPI document
 * (no 5xx; errors are problem+json of the Problem shape with `status` equal to the HTTP status;
 * 2xx bodies validate against the documented schema) and the rule that a rejected request writes
 * nothing (a snapshot of the change feed, the audit log and the written tables is unchanged).
 */

import { env, exports } from "cloudflare:workers";
import { parse as parseCsv } from "csv-parse/sync";
import doc from "../../openapi/openapi.json";
import { ADMIN_TOKEN, fromClient } from "../helpers";
import { type Schema, validate } from "./json-schema";

export const DOC = doc as unknown as Schema;
export const BASE = "http://registry.test";

/** The seed of this run: FUZZ_SEED=<n> npm test replays it (with fast-check's printed path). */
export const SEED = Number(env.FUZZ_SEED) || Date.now() % 2_147_483_647;

export interface Operation {
  method: string;
  path: string;
  id: string;
  op: Schema;
  secured: boolean;
  admin: boolean;
}

const ADMIN_OPS = new Set(["createApiKey", "listApiKeys", "revokeApiKey", "listAudit"]);

export const OPERATIONS: Operation[] = Object.entries(DOC.paths as Record<string, Record<string, Schema>>).flatMap(
  ([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      id: op.operationId as string,
      op,
      secured: Array.isArray(op.security) && op.security.length > 0,
      admin: ADMIN_OPS.has(op.operationId),
    })),
);

export interface Snapshot {
  [column: string]: number | null;
}

/** Counts and high-water marks of everything a write can touch. */
export async function snapshot(): Promise<Snapshot> {
  return (await env.DB.prepare(
    `SELECT (SELECT count(*) FROM changes) AS changes, (SELECT max(id) FROM changes) AS changesMax,
            (SELECT count(*) FROM audit_log) AS audit, (SELECT max(id) FROM audit_log) AS auditMax,
            (SELECT count(*) FROM agreements) AS agreements, (SELECT sum(version) FROM agreements) AS versions,
            (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM depositary_actions) AS depositaryActions, (SELECT count(*) FROM status_events) AS statusEvents,
            (SELECT count(*) FROM api_keys) AS apiKeys, (SELECT count(revoked_at) FROM api_keys) AS revoked,
            (SELECT count(*) FROM idempotency_keys) AS idempotency`,
  ).first<Snapshot>())!;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

export const describeRequest = (r: FuzzRequest) =>
  `${r.method} ${clip(r.url)} ${JSON.stringify(r.headers)} ${r.body === undefined ? "" : JSON.stringify(clip(r.body))}`;

export function send(r: FuzzRequest): Promise<Response> {
  return exports.default.fetch(
    new Request(`${BASE}${r.url}`, { method: r.method, headers: fromClient(r.headers), body: r.body }),
  );
}

export interface Checked {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Sends `r` and asserts the answer keeps the contract of `op`; throws a message naming the request. */
export async function sendChecked(op: Operation | undefined, r: FuzzRequest): Promise<Checked> {
  const res = await send(r);
  const text = await res.text();
  const fail = (why: string): never => {
    throw new Error(
      `${why}\n  request: ${describeRequest(r)}\n  answer: ${res.status} ${res.headers.get("content-type")} ${text.slice(0, 500)}`,
    );
  };
  if (res.status >= 500) fail("5xx");
  if (res.status === 204 || res.status === 304) {
    if (text !== "") fail(`${res.status} with a body`);
    if (op && !op.op.responses[String(res.status)]) fail(`undocumented status ${res.status}`);
    return { status: res.status, body: undefined, headers: res.headers };
  }
  const type = res.headers.get("content-type") ?? "";
  // A dataset export (text/csv) must be CSV that parses, one header row and equal columns in every record.
  if (op && res.status < 300 && op.op.responses[String(res.status)]?.content?.["text/csv"]) {
    if (!type.startsWith("text/csv")) fail("2xx CSV export without text/csv");
    try {
      parseCsv(text, { columns: true });
    } catch (e) {
      fail(`CSV does not parse: ${e}`);
    }
    return { status: res.status, body: text, headers: res.headers };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail("body is not JSON");
  }
  if (res.status >= 400) {
    if (!type.startsWith("application/problem+json")) fail("error without application/problem+json");
    const errors = validate({ $ref: "#/components/schemas/Problem" }, body, DOC);
    if (errors.length) fail(`not a Problem: ${errors.join("; ")}`);
    if ((body as { status: number }).status !== res.status) fail("problem status differs from the HTTP status");
    if (!/^\/problems\/[a-z0-9-]+$/.test((body as { type: string }).type)) fail("problem type is not /problems/<kind>");
    const instance = (body as { instance: string }).instance;
    // long paths are clipped (src/lib/problem.ts), so the instance is the path or its beginning
    if (!instance || !new URL(`${BASE}${r.url}`).pathname.startsWith(instance.replace(/…$/, "")))
      fail("problem instance is not the request path");
    if (!(body as { requestId: string }).requestId) fail("problem without a requestId");
  } else if (op && r.method !== "HEAD") {
    const documented = op.op.responses[String(res.status)]?.content?.["application/json"]?.schema;
    if (!documented) fail(`undocumented status ${res.status}`);
    if (!type.startsWith("application/json")) fail("2xx without application/json");
    const errors = validate(documented, body, DOC);
    if (errors.length) fail(`2xx body does not match its schema: ${errors.slice(0, 8).join("; ")}`);
  }
  if (op && res.status >= 400 && !op.op.responses[String(res.status)] && res.status !== 405)
    fail(`undocumented status ${res.status}`);
  return { status: res.status, body, headers: res.headers };
}

/** Keys for the fuzz: several editors and admins so the per-key write limit does not dominate. */
export interface Keys {
  editors: string[];
  admins: string[];
  /** ids of spare editor keys that revokeApiKey may hit (never one of the keys above) */
  spareIds: string[];
}

export async function createKeys(editors: number, admins: number, spares: number): Promise<Keys> {
  const make = async (role: string, i: number) => {
    const res = await send({
      method: "POST",
      url: "/v1/api-keys",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `fuzz ${role} ${i}`, role }),
    });
    if (res.status !== 201) throw new Error(`creating a fuzz key failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; key: string };
  };
  const keys: Keys = { editors: [], admins: [], spareIds: [] };
  for (let i = 0; i < editors; i++) keys.editors.push((await make("editor", i)).key);
  for (let i = 0; i < admins; i++) keys.admins.push((await make("admin", i)).key);
  for (let i = 0; i < spares; i++) keys.spareIds.push((await make("editor", 100 + i)).id);
  return keys;
}

let turn = 0;
/** The next key of `role`, round robin. */
export const nextKey = (keys: Keys, role: "editor" | "admin") => {
  const pool = role === "admin" ? keys.admins : keys.editors;
  return pool[turn++ % pool.length]!;
};
