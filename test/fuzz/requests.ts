/**
 * Arbitrary HTTP requests for one documented operation: path, query and header parameters and the
 * JSON body from their schemas (valid, boundary, hostile), duplicate and unknown query parameters,
 * malformed JSON, wrong content types and every kind of Authorization the fuzz needs.
 */
import fc from "fast-check";
import { DOC, type FuzzRequest, type Operation } from "./harness";
import type { Schema } from "./json-schema";
import { fuzzed, type Hints, hostileString, hostileValue, plausible, serial, valid } from "./schema-arbitraries";

/** Real ids a path parameter may take, so requests reach past the 404s. */
export type PathPools = Record<string, fc.Arbitrary<string>>;

export const MALFORMED_JSON = [
  "{",
  "{not json",
  "[1,",
  '"unterminated',
  '{"a":}',
  "\u0000",
  "nul",
  "{}}",
  "",
  " ",
  "{'a':1}",
  '{"a":1,}',
  "\uFEFF{}",
  "1e99999",
  "[".repeat(5000),
  // well-formed but hostile: duplicate keys, a prototype key, nesting deep enough to threaten a recursive parser
  '{"role":"editor","role":"admin","name":"dup"}',
  '{"__proto__":{"role":"admin"},"name":"p"}',
  `${"[".repeat(30_000)}${"]".repeat(30_000)}`,
];
const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/merge-patch+json",
  "",
  "application/xml",
  "json",
];

/** Header values must be ByteStrings without CR, LF or NUL (fetch refuses anything else before the Worker sees it); workerd warns on non-ASCII. */
export const headerSafe = (s: string) => s.replace(/[^\x20-\x7e\t]/g, "?");

const validParamArb = (p: Schema, hints: Hints): fc.Arbitrary<string> =>
  valid(p.schema, DOC, hints, p.name).map((v) => String(v));

const paramArb = (p: Schema, hints: Hints): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: valid(p.schema, DOC, hints, p.name).map((v) => String(v)) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? "") },
  );

const wellFormed = (v: string) => v.replace(/[\uD800-\uDFFF]/g, "\uFFFD");

function pathArb(op: Operation, pools: PathPools, hints: Hints): fc.Arbitrary<string> {
  const params = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === "path");
  const values = params.map((p) =>
    fc
      .tuple(
        fc.oneof(
          { weight: 6, arbitrary: pools[`${op.id}:${p.name}`] ?? pools[p.name] ?? fc.constant("x") },
          { weight: 3, arbitrary: paramArb(p, hints) },
        ),
        fc.nat(9),
      )
      .map(([v, n]) =>
        // mostly encoded, sometimes raw (so "../" and "%" reach the router as they are). A lone
        // surrogate cannot be encoded in a URL, so no client can send one: it becomes U+FFFD.
        wellFormed(n === 0 ? v : encodeURIComponent(wellFormed(v))),
      ),
  );
  return fc.tuple(...values).map((vs) => params.reduce((path, p, i) => path.replace(`{${p.name}}`, vs[i]!), op.path));
}

/** Raw query fragments URLSearchParams would never write: broken escapes, empty names, bare names. */
const RAW_QUERY = [
  "%",
  "at=%E0%A4%A",
  "limit=%zz",
  "&&&",
  "=x",
  "lang",
  "limit=1&limit=2",
  "cursor=%00",
  "at=2024-01-01%00",
];

function queryArb(op: Operation, hints: Hints): fc.Arbitrary<string> {
  const params = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === "query");
  // each parameter: absent, once, or (duplicated) twice
  const one = (p: Schema) =>
    fc
      .oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        { weight: 3, arbitrary: fc.array(paramArb(p, hints), { minLength: 1, maxLength: 1 }) },
        { weight: 1, arbitrary: fc.array(paramArb(p, hints), { minLength: 2, maxLength: 2 }) },
      )
      .map((vs) => vs.map((v) => [p.name as string, v] as const));
  const unknown = fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom("foo", "id", "__proto__", "limit[]", ""), hostileString).map((kv) => [kv]),
    },
  );
  const raw = fc.oneof(
    { weight: 8, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY) },
  );
  // half the queries are clean (every parameter valid, none repeated) so reads get past validation
  const clean = fc.tuple(
    ...params.map((p) =>
      fc
        .option(validParamArb(p, hints), { nil: undefined })
        .map((v) => (v === undefined ? [] : [[p.name as string, v] as const])),
    ),
  );
  const dirty = fc.tuple(fc.tuple(...params.map(one)), unknown, raw);
  return fc
    .oneof(
      clean.map((pairs) => [pairs, [], ""] as const),
      dirty,
    )
    .map(([pairs, extra, rawPart]) => {
      const q = new URLSearchParams();
      for (const list of [...pairs, extra]) for (const [k, v] of list) q.append(k, v);
      const s = [q.toString(), rawPart].filter(Boolean).join("&");
      return s ? `?${s}` : "";
    });
}

export interface Auth {
  /** a key of the role the operation needs */
  right: () => string;
  /** an editor key, for admin operations */
  editor: () => string;
}

function authArb(op: Operation): fc.Arbitrary<(a: Auth) => string | undefined> {
  if (!op.secured)
    return fc.constantFrom(
      () => undefined,
      () => "Bearer not-a-key-but-long-enough",
    );
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant((a: Auth) => `Bearer ${a.right()}`) },
    { weight: 1, arbitrary: fc.constant((a: Auth) => `Bearer ${a.editor()}`) },
    { weight: 1, arbitrary: fc.constant(() => undefined) },
    { weight: 1, arbitrary: hostileString.map((s) => () => headerSafe(s)) },
  );
}

function headerArb(op: Operation, hints: Hints): fc.Arbitrary<Record<string, string>> {
  const params = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === "header");
  const entries = Object.fromEntries(params.map((p) => [p.name, paramArb(p, hints).map(headerSafe)]));
  const extra = {
    "accept-language": fc.constantFrom("ru", "zh-CN,zh;q=0.9", "*", "xx-YY", "en;q=abc", "", "ru-RU;q=2"),
  };
  return fc.record({ ...entries, ...extra }, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

interface BodyPart {
  body?: string;
  contentType?: string;
}

/** Properties of a body that only succeed together, drawn as one (see `plausible`). */
export type Joint = fc.Arbitrary<Record<string, unknown>>;

const bodySchema = (op: Operation) => op.op.requestBody?.content?.["application/json"]?.schema as Schema | undefined;

function bodyArb(op: Operation, hints: Hints, joint?: Joint): fc.Arbitrary<BodyPart> {
  const schema = bodySchema(op);
  if (!schema) return fc.constant({});
  const json = fuzzed(schema, DOC, hints).map((v) => JSON.stringify(v) ?? "null");
  // Schema-valid bodies rarely get past the domain's rules (a party's log, an agreement's lifecycle):
  // plausible ones do, here with whatever headers and keys the rest of the request has.
  const real = plausible(schema, DOC, hints, joint).map((v) => JSON.stringify(v));
  const text = fc.oneof(
    { weight: 4, arbitrary: real },
    { weight: 12, arbitrary: json },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ pad: "x".repeat(70 * 1024) })) },
  );
  const type = fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );
  return fc.record({ body: fc.option(text, { freq: 20 }).map((b) => b ?? undefined), contentType: type });
}

interface Parts {
  path: string;
  query: string;
  headers: Record<string, string>;
  body: BodyPart;
  auth: (a: Auth) => string | undefined;
}

/**
 * A request as a real client sends it: a real id in the path, the right key, a fresh
 * Idempotency-Key or none, no bookmark, and a plausible JSON body. Without these a write's success
 * path is rarely reached: about a third of the fuzzed requests fail on a hostile header alone.
 */
function plausibleRequestArb(op: Operation, pools: PathPools, hints: Hints, joint?: Joint): fc.Arbitrary<Parts> {
  const params = ((op.op.parameters ?? []) as Schema[]).filter((p) => p.in === "path");
  const path = fc
    .tuple(
      ...params.map((p) =>
        (pools[`${op.id}:${p.name}`] ?? pools[p.name] ?? validParamArb(p, hints)).map(encodeURIComponent),
      ),
    )
    .map((vs) => params.reduce((url, p, i) => url.replace(`{${p.name}}`, vs[i]!), op.path));
  const idempotent = ((op.op.parameters ?? []) as Schema[]).some((p) => p.name === "idempotency-key");
  const headers = idempotent
    ? fc.option(
        serial.map((n) => ({ "idempotency-key": `fuzz-plausible-${n}` })),
        { nil: {} as Record<string, string> },
      )
    : fc.constant({});
  const schema = bodySchema(op);
  const body = schema
    ? plausible(schema, DOC, hints, joint).map((v) => ({ body: JSON.stringify(v), contentType: "application/json" }))
    : fc.constant({});
  return fc.record({
    path,
    query: fc.constant(""),
    headers,
    body,
    auth: fc.constant((a: Auth) => (op.secured ? `Bearer ${a.right()}` : undefined)),
  });
}

/** A request for `op`, to be completed with real keys (and ETags) when it runs. */
export interface PlannedRequest {
  build: (a: Auth) => FuzzRequest;
}

export function requestArb(op: Operation, pools: PathPools, hints: Hints, joint?: Joint): fc.Arbitrary<PlannedRequest> {
  const fuzzedRequest: fc.Arbitrary<Parts> = fc.record({
    path: pathArb(op, pools, hints),
    query: queryArb(op, hints),
    headers: headerArb(op, hints),
    body: bodyArb(op, hints, joint),
    auth: authArb(op),
  });
  // Reads get past validation with their clean queries; writes need a whole plausible request.
  return (
    op.method === "GET"
      ? fuzzedRequest
      : fc.oneof(
          { weight: 2, arbitrary: fuzzedRequest },
          { weight: 1, arbitrary: plausibleRequestArb(op, pools, hints, joint) },
        )
  ).map((r) => ({
    build: (a: Auth) => {
      const headers: Record<string, string> = { ...r.headers };
      const authorization = r.auth(a);
      if (authorization !== undefined) headers.authorization = authorization;
      if (r.body.contentType !== undefined && r.body.body !== undefined) headers["content-type"] = r.body.contentType;
      return { method: op.method, url: `${r.path}${r.query}`, headers, body: r.body.body };
    },
    toString: () =>
      `${op.method} ${`${r.path}${r.query}`.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 300)} ${String(r.body.body).slice(0, 200)}`,
  }));
}
