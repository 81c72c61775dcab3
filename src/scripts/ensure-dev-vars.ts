/**
 * `npm start` runs this first: the local Worker needs the ADMIN_TOKEN secret that bootstraps the
 * first admin key. When .dev.vars has none, a random one is written there (never committed).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const FILE = ".dev.vars";
const current = existsSync(FILE) ? readFileSync(FILE, "utf8") : "";
if (/^ADMIN_TOKEN=.{16,}$/m.test(current)) {
  console.log(`${FILE}: ADMIN_TOKEN is set (read it there to create API keys)`);
} else {
  const token = randomBytes(32).toString("base64url");
  writeFileSync(FILE, `${current}${current && !current.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN=${token}\n`);
  console.log(`${FILE}: wrote a new ADMIN_TOKEN (read it there to create API keys)`);
}
