/**
 * `npm run db:export [file]`: a SQL dump of the local D1 database (the one `npm start` serves),
 * by `wrangler d1 export`, put in an order D1 can load again (src/scripts/d1-dump.ts). The dump holds
 * the schema, every row and the `d1_migrations` table, so that a restored database is not migrated
 * twice. Default file: backups/registry-<UTC timestamp>.sql (backups/ is git-ignored).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadableDump } from "./d1-dump";

const file = process.argv[2] ?? `backups/registry-${new Date().toISOString().replace(/[:.]/g, "-")}.sql`;
mkdirSync(path.dirname(file), { recursive: true });
const run = spawnSync("wrangler", ["d1", "export", "DB", "--local", "--output", file], { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(file, loadableDump(readFileSync(file, "utf8")));
console.log(`db:export: wrote ${file}; load it with npm run db:restore ${file}`);
