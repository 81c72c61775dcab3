/**
 * Validates src/data/*.json and writes the data migration that loads them.
 * Run `npm run data:build` after editing the data; test/db/data-migration.test.ts fails while the migration
 * and the data disagree. An applied migration is never edited: once this one has been applied
 * remotely, corrections go into a new migration.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { SeedError, seedSql, validateSeed } from "../data/seed";

export const SEED_MIGRATION = "migrations/0001_real_history.sql";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));

try {
  const seed = validateSeed({ parties: read("parties.json"), events: read("status-events.json"), agreements: read("agreements.json") });
  writeFileSync(SEED_MIGRATION, seedSql(seed));
  console.log(`${SEED_MIGRATION}: ${seed.parties.length} parties, ${seed.events.length} events, ${seed.agreements.length} agreements`);
} catch (error) {
  if (error instanceof SeedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
