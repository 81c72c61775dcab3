/**
 * fast-check arbitraries built from the committed OpenAPI document's JSON Schemas: `valid` values
 * that satisfy a schema (with property-name hints that steer them towards real registry ids), and
 * `fuzzed` values that mix those with boundary and hostile ones (wrong types, missing and extra
 * fields, huge strings, unicode, SQL and path fragments).
 */
import fc from "fast-check";
import { resolve, type Schema } from "./json-schema";

type Arb = fc.Arbitrary<unknown>;
export type Hints = Record<string, fc.Arbitrary<unknown>>;

export const HOSTILE_STRINGS = [
  "",
  " ",
  "'; DROP TABLE parties;--",
  "' OR 1=1 --",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "مرحبا",
  "🇨🇳🎉👩‍👩‍👧",
  "𝕏",
  "\uD800",
  "Ｉ Ｒ Ｎ",
  "١٢٣",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "9".repeat(400),
  "x".repeat(10_000),
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "__proto__",
  "constructor",
  "%E0%A4%A",
  "%",
  "\r\nX-Injected: 1",
  "  IRN  ",
  "irn",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "99999-01-01",
  "2026-1-1",
  '"',
  "\\",
  "*",
  "?",
  "#",
  "&",
  "=",
  "/",
  'W/"1"',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
);

export const hostileValue: Arb = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2) },
  {
    weight: 1,
    arbitrary: fc.constantFrom([], {}, [null], JSON.parse('{"__proto__":{"admin":true}}'), [[[[[]]]]], { "": "" }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const dateArb = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** YYYY, YYYY-MM or YYYY-MM-DD, as the registry's partial dates are written. */
export const partialDateArb = fc.tuple(dateArb, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.format === "date") return dateArb;
  if (typeof s.description === "string" && s.description.includes("YYYY")) return partialDateArb;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  const plain = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
  return typeof s.example === "string" ? fc.oneof(fc.constant(s.example), plain) : plain;
}

/** Values the schema accepts; `hints[name]` steers the named property (or its items) to real ids. */
export function valid(schema: Schema, root: Schema, hints: Hints = {}, name?: string): Arb {
  const s = resolve(schema, root);
  const hint = name !== undefined ? hints[name] : undefined;
  if (hint && s.type !== "array")
    return fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: validBare(s, root, hints, name) });
  return validBare(s, root, hints, name);
}

function validBare(s: Schema, root: Schema, hints: Hints, name?: string): Arb {
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf).map((b: Schema) => valid(b, root, hints, name)));
  if (s.allOf) return valid(s.allOf[0], root, hints, name);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "string":
      return stringArb(s);
    case "integer":
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valid(s.items ?? {}, root, hints, name), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case "object": {
      const props: Record<string, Schema> = s.properties ?? {};
      const required = new Set<string>(s.required ?? []);
      const entries = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, valid(p, root, hints, k)]));
      return fc.record(entries, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mutations of a valid object: a required field dropped, an unknown field added, one field made hostile. */
function mutatedObject(s: Schema, root: Schema, hints: Hints): Arb {
  const keys = Object.keys(s.properties ?? {});
  return fc
    .tuple(valid(s, root, hints), fc.nat(), fc.constantFrom("drop", "extra", "hostile"), hostileValue)
    .map(([v, i, how, bad]) => {
      const obj = { ...(v as Record<string, unknown>) };
      const required: string[] = s.required ?? [];
      if (how === "drop" && required.length > 0) delete obj[required[i % required.length]!];
      else if (how === "extra") obj[`unexpected${i % 3}`] = bad;
      else if (keys.length > 0) obj[keys[i % keys.length]!] = bad;
      return obj;
    });
}

/** Mostly valid values, with boundary and hostile ones mixed in. */
export function fuzzed(schema: Schema, root: Schema, hints: Hints = {}): Arb {
  const s = resolve(schema, root);
  const arbs: fc.WeightedArbitrary<unknown>[] = [
    { weight: 5, arbitrary: valid(s, root, hints) },
    { weight: 1, arbitrary: hostileValue },
  ];
  if (s.type === "object" && s.properties) arbs.push({ weight: 4, arbitrary: mutatedObject(s, root, hints) });
  return fc.oneof(...arbs);
}

let drawn = 0;
/**
 * A new number on every draw, for ids and texts that must not repeat (an agreement's id, a note that
 * must change). Drawn in fast-check's own order of values, so a seed replays them.
 */
export const serial = fc.constant(0).map(() => ++drawn);

/** Calendar days from `from` to `to` ("YYYY-MM-DD"), both included. */
export const dayBetween = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** A partial date in that span: mostly to the day, sometimes only the month or the year. */
export const partialDateBetween = (from: string, to: string) =>
  fc.tuple(dayBetween(from, to), fc.constantFrom(10, 10, 10, 10, 7, 4)).map(([d, n]) => d.slice(0, n));

/** Readable text for a free-text field the document gives no example of. */
const text = (max: number) =>
  fc.stringMatching(/^[A-Z][a-z]{2,10}( [a-z]{2,10}){0,4}$/).map((s) => s.slice(0, Math.max(1, max)));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A plausible value of a property: its hint, else its example, else one built from its schema. */
function plausibleValue(schema: Schema, root: Schema, hints: Hints, name?: string): Arb {
  const s = resolve(schema, root);
  const hint = name !== undefined ? hints[name] : undefined;
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (type === "array") {
    // as in `valid`, an array's hint steers its items
    if (!hint && s.example !== undefined) return fc.constant(s.example);
    return fc.array(hint ?? plausibleValue(s.items ?? {}, root, hints), {
      minLength: Math.max(1, s.minItems ?? 0),
      maxLength: Math.max(1, Math.min(s.maxItems ?? 2, 2)),
    });
  }
  if (hint) return hint;
  if (s.example !== undefined) return fc.constant(s.example);
  if (type === "object" && s.properties) return plausible(s, root, hints);
  if (type === "string" && !s.enum && !s.pattern && !s.format) return text(s.maxLength ?? 100);
  return valid(s, root, hints, name);
}

/**
 * What a real client would send: the schema's own example, its hinted properties drawn from the
 * hints (real ids, dates that fit the registry's history), hinted optional properties sometimes
 * added, and required properties without an example built the same way. `joint` draws the
 * properties that only succeed together (a party with a status it may hold, one field to correct);
 * an undefined value in it drops the example's property.
 */
export function plausible(
  schema: Schema,
  root: Schema,
  hints: Hints = {},
  joint?: fc.Arbitrary<Record<string, unknown>>,
): Arb {
  const s = resolve(schema, root);
  if (s.type !== "object" || !s.properties) return plausibleValue(s, root, hints);
  const example = isObject(s.example) ? s.example : {};
  const required = new Set<string>(s.required ?? []);
  const props = Object.entries(s.properties as Record<string, Schema>).filter(
    ([k]) => required.has(k) || k in example || k in hints,
  );
  const entries = Object.fromEntries(
    props.map(([k, p]) => [
      k,
      k in hints || !(k in example) ? plausibleValue(p, root, hints, k) : fc.constant(example[k]),
    ]),
  );
  const always = props.filter(([k]) => required.has(k) || k in example).map(([k]) => k);
  return fc.tuple(fc.record(entries, { requiredKeys: always }), joint ?? fc.constant({})).map(([base, fit]) => {
    const body: Record<string, unknown> = { ...base, ...fit };
    for (const [k, v] of Object.entries(fit)) if (v === undefined) delete body[k];
    return body;
  });
}
