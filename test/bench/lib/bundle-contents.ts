/**
 * What the Worker's bundle is made of. Per input module: its bytes in the output (esbuild's metafile,
 * `wrangler deploy --metafile`) and its size gzipped alone (its stretches of the output, found through
 * the source map, gzipped together). Gzipped alone, a part compresses a little worse than inside the
 * whole bundle, so the parts add up to a little more than the total.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./build";

export interface Part {
  name: string;
  raw: number;
  gzip: number;
}

export interface Contents {
  raw: number;
  gzip: number;
  modules: Part[];
  /** node_modules by package; the registry's own code by folder (src/routes/agreements, src/lib…) */
  groups: Part[];
}

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The first two fields of each segment of a source map's mappings: generated column and source index. */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number | null }> {
  let source = 0;
  for (const [line, text] of mappings.split(";").entries()) {
    let column = 0;
    for (const segment of text.split(",")) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        shift += 5;
        if (digit & 32) continue;
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      yield { line, column, source: fields.length > 1 ? source : null };
    }
  }
}

/** The output's text, cut into the stretches each source produced. */
function stretches(code: string, map: { sources: string[]; mappings: string }): Map<number, string[]> {
  const lines = code.split("\n");
  const bySource = new Map<number, string[]>();
  const all = [...segments(map.mappings)];
  for (const [i, s] of all.entries()) {
    if (s.source === null) continue;
    const next = all[i + 1];
    const end = next && next.line === s.line ? next.column : undefined;
    const piece = lines[s.line]!.slice(s.column, end);
    bySource.set(s.source, [...(bySource.get(s.source) ?? []), piece]);
  }
  return bySource;
}

/**
 * Where an input ships its own source map (drizzle-orm, @hono/*), esbuild's map names the sources of
 * that map (drizzle's even point outside its package): each is traced back to its input.
 */
function inputsBySource(inputs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const input of inputs) {
    const file = path.join(ROOT, input);
    const url = existsSync(file) ? /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, "utf8"))?.[1] : undefined;
    if (!url || url.startsWith("data:")) continue;
    const mapFile = path.resolve(path.dirname(file), url);
    if (!existsSync(mapFile)) continue;
    const own: { sources: string[]; sourceRoot?: string } = JSON.parse(readFileSync(mapFile, "utf8"));
    for (const source of own.sources) {
      out.set(path.resolve(path.dirname(mapFile), own.sourceRoot ?? "", source), input);
    }
  }
  return out;
}

export const groupOf = (module: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)?.[1] ?? path.posix.dirname(module);

export function contents(outdir: string, metafile: string): Contents {
  const code = readFileSync(path.join(outdir, "index.js"), "utf8");
  const map = JSON.parse(readFileSync(path.join(outdir, "index.js.map"), "utf8"));
  const meta: Metafile = JSON.parse(readFileSync(metafile, "utf8"));
  const output = Object.entries(meta.outputs).find(([name]) => name.endsWith("index.js"))![1];

  const inputOf = inputsBySource(Object.keys(output.inputs));
  const textOf = new Map<string, string>();
  for (const [index, pieces] of stretches(code, map)) {
    const source = path.resolve(outdir, map.sources[index]!);
    const module = inputOf.get(source) ?? path.relative(ROOT, source).split(path.sep).join("/");
    textOf.set(module, (textOf.get(module) ?? "") + pieces.join(""));
  }
  const gzip = (text: string) => (text ? gzipSync(text).length : 0);
  const modules = Object.entries(output.inputs)
    .map(([name, { bytesInOutput }]) => ({ name, raw: bytesInOutput, gzip: gzip(textOf.get(name) ?? "") }))
    .filter((m) => m.raw > 0);

  const groupText = new Map<string, { raw: number; text: string }>();
  for (const m of modules) {
    const g = groupOf(m.name);
    const acc = groupText.get(g) ?? { raw: 0, text: "" };
    groupText.set(g, { raw: acc.raw + m.raw, text: acc.text + (textOf.get(m.name) ?? "") });
  }
  const groups = [...groupText].map(([name, { raw, text }]) => ({ name, raw, gzip: gzip(text) }));
  const bySize = (a: Part, b: Part) => b.gzip - a.gzip;
  return {
    raw: Buffer.byteLength(code),
    gzip: gzip(code),
    modules: modules.sort(bySize),
    groups: groups.sort(bySize),
  };
}
