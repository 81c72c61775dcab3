/**
 * `npm run db:restore <file>`: loads a dump made by `npm run db:export` (or `wrangler d1 export`)
 * into a fresh local D1 database. Stop `npm start` first. The current local database is not
 * deleted: its directory is moved aside to .wrangler/state/v3/d1.before-restore-<timestamp>, and
 * moved back if the dump does not load.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadableDump } from "./d1-dump";

// Where wrangler keeps the local D1 databases: .wrangler/state next to wrangler.toml (this directory).
const D1_STATE = ".wrangler/state/v3/d1";

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(`usage: npm run db:restore <dump.sql>${file ? ` (no file ${file})` : ""}`);
  process.exit(2);
}

const kept = existsSync(D1_STATE)
  ? `${D1_STATE}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`
  : undefined;
if (kept) renameSync(D1_STATE, kept);

// A dump from `wrangler d1 export` may list rows before the tables they reference: load a reordered copy.
const dir = mkdtempSync(path.join(tmpdir(), "registry-restore-"));
const loadable = path.join(dir, "restore.sql");
writeFileSync(loadable, loadableDump(readFileSync(file, "utf8")));
const run = spawnSync("wrangler", ["d1", "execute", "DB", "--local", "--file", loadable, "--yes"], {
  stdio: "inherit",
});
rmSync(dir, { recursive: true, force: true });

if (run.status !== 0) {
  rmSync(D1_STATE, { recursive: true, force: true });
  if (kept) renameSync(kept, D1_STATE);
  console.error(`db:restore: ${file} did not load; the local database is unchanged`);
  process.exit(run.status ?? 1);
}
console.log(
  `db:restore: loaded ${file} into a fresh local database${kept ? `; the previous one is kept in ${kept}` : ""}`,
);
