/**
 * `npm run bench:bundle`: what is in the Worker's bundle (`wrangler deploy --dry-run`, the bundle that
 * ships), as markdown tables of its biggest parts, raw and gzipped. Exits 1 when the bundle is past
 * BUNDLE_LIMIT gzipped, or when zod's translations are back in it (the alias in wrangler.toml).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BUNDLE_LIMIT, dryRun } from "./lib/build";
import { contents, type Part } from "./lib/bundle-contents";

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const TOP = Number(process.argv[2] ?? 15);

function table(title: string, parts: Part[], total: { raw: number; gzip: number }): string {
  const lines = [`| ${title} | raw KiB | gzipped alone KiB | share of gzip |`, "|---|---:|---:|---:|"];
  for (const p of parts.slice(0, TOP))
    lines.push(`| ${p.name} | ${kib(p.raw)} | ${kib(p.gzip)} | ${Math.round((100 * p.gzip) / total.gzip)} % |`);
  const rest = parts.slice(TOP);
  if (rest.length) {
    const sum = (k: "raw" | "gzip") => rest.reduce((n, p) => n + p[k], 0);
    lines.push(`| ${rest.length} more | ${kib(sum("raw"))} | ${kib(sum("gzip"))} | |`);
  }
  return lines.join("\n");
}

const tmp = mkdtempSync(path.join(tmpdir(), "sco-bundle-"));
try {
  const outdir = path.join(tmp, "dry-run");
  const metafile = path.join(tmp, "meta.json");
  dryRun(outdir, metafile);
  const bundle = contents(outdir, metafile);
  const own = bundle.groups.filter((g) => g.name.startsWith("src"));
  const ownRaw = own.reduce((n, g) => n + g.raw, 0);
  console.log(
    [
      `Bundle: ${kib(bundle.raw)} KiB raw, **${kib(bundle.gzip)} KiB gzipped** (target ≤ ${kib(BUNDLE_LIMIT)} KiB); ` +
        `${bundle.modules.length} modules, of which the registry's own code (src/) is ${kib(ownRaw)} KiB raw.`,
      "",
      table("package or folder", bundle.groups, bundle),
      "",
      table("module", bundle.modules, bundle),
    ].join("\n"),
  );
  const failures: string[] = [];
  if (bundle.gzip > BUNDLE_LIMIT) failures.push(`${kib(bundle.gzip)} KiB gzipped is past ${kib(BUNDLE_LIMIT)} KiB`);
  const locales = bundle.modules.filter((m) => /zod\/v4\/locales\/(?!en\.js)/.test(m.name));
  if (locales.length) failures.push(`${locales.length} of zod's translations are bundled, e.g. ${locales[0]!.name}`);
  for (const f of failures) console.error(`FAIL: ${f}`);
  process.exitCode = failures.length ? 1 : 0;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
