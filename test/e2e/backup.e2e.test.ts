/**
 * Backup and restore, end to end: in a project directory of its own (so the repository's local
 * database is never touched), `npm start` migrates a fresh local D1, the API takes writes, `npm run
 * db:export` dumps the database, `npm run db:restore` loads the dump into a fresh one, and `npm
 * start` serves it again. Every answer read before the export must come back byte for byte.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { type RunningServer, startServer } from "./server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

let project: string;
let server: RunningServer | undefined;

/** A copy of the project that shares the sources and packages but keeps its own .wrangler/ and .dev.vars. */
function makeProject() {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-backup-"));
  for (const entry of ["src", "migrations", "node_modules", "package.json", "tsconfig.json"])
    symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  // Copied, not linked: wrangler keeps local state next to the configuration file it reads.
  cpSync(path.join(ROOT, "wrangler.toml"), path.join(dir, "wrangler.toml"));
  return dir;
}

const npm = (...args: string[]) =>
  run("npm", ["run", "--silent", ...args], {
    cwd: project,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });

const adminToken = () => /^ADMIN_TOKEN=(.+)$/m.exec(readFileSync(path.join(project, ".dev.vars"), "utf8"))![1]!;

async function send(method: string, url: string, body: unknown, key: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server!.baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${url}: ${res.status} ${text}`);
  return { res, json: JSON.parse(text) as Record<string, any> };
}

/** Status, ETag and body of each answer, public and admin, at fixed dates (no answer depends on today). */
/** The change feed's cursor at its end: the compared page of the feed starts there, so it holds the test's writes. */
async function feedEnd(): Promise<string> {
  let since = "";
  for (;;) {
    const res = await fetch(`${server!.baseUrl}/v1/changes?limit=200${since && `&since=${since}`}`);
    const body = (await res.json()) as { cursor: string; hasMore: boolean };
    since = body.cursor;
    if (!body.hasMore) return since;
  }
}

async function answers(agreementId: string, since: string): Promise<Record<string, string>> {
  const admin = { Authorization: `Bearer ${adminToken()}` };
  const reads: [string, RequestInit?][] = [
    ["/v1/roster?at=2027-08-01"],
    ["/v1/roster?at=2024-07-04&lang=ru"],
    ["/v1/states/LAO/status?at=2027-08-01"],
    ["/v1/states/LAO/history"],
    ["/v1/states?status=member&at=2027-08-01&limit=200"],
    ["/v1/status-events?party=LAO"],
    [`/v1/agreements/${agreementId}`],
    [`/v1/agreements/${agreementId}/consents`],
    ["/v1/agreements?counterparty=asean&limit=200"],
    [`/v1/changes?limit=200&since=${since}`],
    ["/v1/audit?limit=200", { headers: admin }],
    ["/v1/api-keys?limit=200", { headers: admin }],
  ];
  const out: Record<string, string> = {};
  for (const [url, init] of reads) {
    const res = await fetch(`${server!.baseUrl}${url}`, init);
    out[url] = `${res.status} ${res.headers.get("etag")}\n${await res.text()}`;
    assert.equal(res.status, 200, `${url}: ${out[url]}`);
  }
  return out;
}

before(() => {
  project = makeProject();
});

after(async () => {
  await server?.stop();
  rmSync(project, { recursive: true, force: true });
});

describe("backup and restore of the local database", () => {
  it("exports, restores into a fresh database, and answers exactly as before", async () => {
    server = await startServer({ cwd: project });
    const since = await feedEnd();
    const editor = (await send("POST", "/v1/api-keys", { name: "Backup test", role: "editor" }, adminToken())).json
      .key as string;
    const draft = await send(
      "POST",
      "/v1/agreements",
      {
        kind: "memorandum_of_understanding",
        title: { en: "MoU kept in a backup" },
        counterparties: ["asean"],
        proposed: "2027-07-15",
        sources: ["Backup test"],
      },
      editor,
    );
    const id = draft.json.id as string;
    await send("PATCH", `/v1/agreements/${id}`, { lifecycle: "awaiting_consent" }, editor, {
      "If-Match": draft.res.headers.get("etag")!,
    });
    await send(
      "POST",
      `/v1/agreements/${id}/consents`,
      { state: "KAZ", decision: "consent", date: "2027-06-01" },
      editor,
      { "Idempotency-Key": "backup-consent-kaz" },
    );
    await send(
      "POST",
      "/v1/status-events",
      { party: "LAO", status: "member", kind: "accession", date: "2027-07-15", sources: ["Backup test"] },
      editor,
    );
    const before = await answers(id, since);
    // The answers compared below do show the writes.
    assert.match(before["/v1/states/LAO/status?at=2027-08-01"]!, /"status":"member"/);
    assert.ok(
      before[`/v1/changes?limit=200&since=${since}`]!.includes(id) &&
        before["/v1/audit?limit=200"]!.includes(`${id}/KAZ`),
    );

    const dump = path.join(project, "backups", "round-trip.sql");
    await npm("db:export", dump);
    await server.stop();
    server = undefined;
    const sql = readFileSync(dump, "utf8");
    assert.match(sql, /INSERT INTO "d1_migrations"/, "the dump carries the migrations table");
    assert.match(sql, /MoU kept in a backup/);

    await npm("db:restore", dump);
    const v3 = path.join(project, ".wrangler/state/v3");
    assert.ok(
      readdirSync(v3).some((name) => name.startsWith("d1.before-restore-")),
      "the previous database is kept aside",
    );
    // Nothing to migrate: the restored database knows every migration it has.
    assert.match(
      (
        await run("npx", ["wrangler", "d1", "migrations", "list", "DB", "--local"], {
          cwd: project,
          env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
        })
      ).stdout,
      /No migrations to apply/,
    );

    server = await startServer({ cwd: project });
    const after = await answers(id, since);
    for (const url of Object.keys(before)) assert.equal(after[url], before[url], url);

    // The restored database takes writes, and the idempotency record came back with it.
    const replay = await send(
      "POST",
      `/v1/agreements/${id}/consents`,
      { state: "KAZ", decision: "consent", date: "2027-06-01" },
      editor,
      { "Idempotency-Key": "backup-consent-kaz" },
    );
    assert.equal(replay.res.headers.get("idempotent-replayed"), "true");
    await send(
      "POST",
      `/v1/agreements/${id}/consents`,
      { state: "CHN", decision: "consent", date: "2027-06-02" },
      editor,
    );
    assert.ok(existsSync(dump));
  });
});
