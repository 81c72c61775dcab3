/**
 * A small JSON Schema (2020-12 / OpenAPI 3.1) validator for the subset the committed document uses:
 * $ref into components, allOf/anyOf/oneOf, type (incl. type arrays for null), enum, const,
 * properties/required/additionalProperties, items, min/maxItems, min/maxLength, pattern,
 * minimum/maximum and the formats date, date-time and int32. It returns every error with its
 * path, so a failing fuzz run says exactly which field broke the contract.
 */
export type Schema = Record<string, any>;

export function resolve(schema: Schema, root: Schema): Schema {
  let s = schema;
  while (s && typeof s.$ref === "string") {
    const parts = (s.$ref as string).replace(/^#\//, "").split("/");
    s = parts.reduce((node: any, key) => node?.[key], root);
    if (!s) throw new Error(`unresolvable $ref ${schema.$ref}`);
  }
  return s;
}

const typeOf = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;

const typeMatches = (t: string, v: unknown) => {
  const actual = typeOf(v);
  return t === actual || (t === "number" && (actual === "integer" || actual === "number"));
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function validate(schema: Schema, value: unknown, root: Schema, path = "$"): string[] {
  const s = resolve(schema, root);
  const errors: string[] = [];
  const fail = (msg: string) => errors.push(`${path}: ${msg}`);
  for (const sub of s.allOf ?? []) errors.push(...validate(sub, value, root, path));
  if (s.anyOf && !s.anyOf.some((sub: Schema) => validate(sub, value, root, path).length === 0))
    fail("matches no anyOf branch");
  if (s.oneOf && s.oneOf.filter((sub: Schema) => validate(sub, value, root, path).length === 0).length !== 1)
    fail("does not match exactly one oneOf branch");
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeMatches(t, value)))
      return [...errors, `${path}: expected ${types.join("|")}, got ${typeOf(value)}`];
  }
  if (s.enum && !s.enum.some((e: unknown) => e === value)) fail(`${JSON.stringify(value)} not in enum`);
  if ("const" in s && s.const !== value) fail(`expected const ${JSON.stringify(s.const)}`);
  if (typeof value === "string") {
    if (s.minLength !== undefined && [...value].length < s.minLength) fail(`shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && [...value].length > s.maxLength) fail(`longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern, "u").test(value)) fail(`does not match ${s.pattern}`);
    if (s.format === "date" && !DATE.test(value)) fail("not a date");
    if (s.format === "date-time" && !DATE_TIME.test(value)) fail("not a date-time");
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) fail(`below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) fail(`above ${s.maximum}`);
    if (s.format === "int32" && (value < -(2 ** 31) || value >= 2 ** 31)) fail("not an int32");
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) fail(`fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) fail(`more than ${s.maxItems} items`);
    if (s.items) {
      for (const [i, item] of value.entries()) errors.push(...validate(s.items, item, root, `${path}[${i}]`));
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) fail(`missing required "${key}"`);
    const props: Record<string, Schema> = s.properties ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (props[key]) errors.push(...validate(props[key], v, root, `${path}.${key}`));
      else if (s.additionalProperties === false) fail(`unexpected property "${key}"`);
      else if (typeof s.additionalProperties === "object")
        errors.push(...validate(s.additionalProperties, v, root, `${path}.${key}`));
    }
  }
  return errors;
}
