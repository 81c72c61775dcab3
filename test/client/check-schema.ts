/**
 * Fails when openapi/schema.d.ts (the typed client's types) is stale: regenerates it from the
 * committed openapi/openapi.json into a temporary file and compares. Fix: `npm run client:generate`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COMMITTED = path.join(ROOT, "openapi/schema.d.ts");
const dir = mkdtempSync(path.join(tmpdir(), "sco-client-"));
const fresh = path.join(dir, "schema.d.ts");

try {
  const bin = path.join(ROOT, "node_modules/.bin/openapi-typescript");
  execFileSync(bin, [path.join(ROOT, "openapi/openapi.json"), "-o", fresh], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  let committed = "";
  try {
    committed = readFileSync(COMMITTED, "utf8");
  } catch {
    // missing counts as stale
  }
  if (committed !== readFileSync(fresh, "utf8")) {
    console.error(
      "openapi/schema.d.ts is stale: it differs from what openapi/openapi.json generates. Run `npm run client:generate` and commit it.",
    );
    process.exitCode = 1;
  } else {
    console.log("openapi/schema.d.ts is up to date with openapi/openapi.json");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
