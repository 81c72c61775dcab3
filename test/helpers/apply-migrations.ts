/**
 * Setup file: the real migrations on the worker's D1. applyD1Migrations skips those already
 * recorded in d1_migrations, so in a worker reused across files (project "shared") they run once.
 *
 * Isolation. Files of the projects "shared" run one after another in a worker and see each other's
 * rows; a file may be shared when it (1) makes its own rows with fresh ids (helpers: uniqueId,
 * createKey), (2) compares counts only before and after its own requests, (3) finds its rows by id
 * or by paging through a whole list (helpers: allItems), never by position in the first page, and
 * (4) writes no status event and no party, so the registry's history stays the real one. A file
 * that breaks (4) goes to ISOLATED in test/vitest.config.ts and gets a fresh D1 of its own.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { verifyCompiledStatements } from "../../src/db/compiled";

// Every compiled query is checked against its first compilation on each call (src/db/compiled.ts).
verifyCompiledStatements();

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
