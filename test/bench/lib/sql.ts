/** Multi-row INSERT statements with inline literals: the data is generated, never user input. */
export type Value = string | number | null | undefined;

export const literal = (v: Value): string =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** One statement per `perStatement` rows, so no statement grows past D1's size limits. */
export function inserts(table: string, rows: Record<string, Value>[], perStatement = 200): string[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((r) => `(${columns.map((c) => literal(r[c])).join(", ")})`);
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same registry on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
