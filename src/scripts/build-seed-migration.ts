/**
 * Validates src/data/*.json and writes the data migrations that load them.
 * Run `npm run data:build` after editing the data; test/db/data-migration.test.ts fails while the migrations
 * and the data disagree. An applied migration is never edited: once one has been applied
 * remotely, corrections go into a new migration.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "@rapideditor/country-coder";
import { codesSource, identifiersSql, partyIdentifiers } from "../data/identifiers";
import { secretariatSql, validateTerms } from "../data/secretariat-seed";
import { SeedError, seedSql, validateSeed } from "../data/seed";

export const SEED_MIGRATION = "migrations/0001_real_history.sql";
export const SECRETARIAT_MIGRATION = "migrations/0012_secretariat_leadership.sql";
export const IDENTIFIERS_MIGRATION = "migrations/0014_party_identifiers_data.sql";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));
/** The exact version package.json pins, which is the one installed: the identifiers' source names it. */
const countryCoderVersion = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"))
  .devDependencies["@rapideditor/country-coder"] as string;

try {
  const seed = validateSeed({
    parties: read("parties.json"),
    events: read("status-events.json"),
    agreements: read("agreements.json"),
  });
  const { terms, problems } = validateTerms(read("secretariat-terms.json"), seed);
  if (problems.length > 0) throw new SeedError(problems);
  writeFileSync(SEED_MIGRATION, seedSql(seed));
  writeFileSync(SECRETARIAT_MIGRATION, secretariatSql(terms));
  const ids = partyIdentifiers(seed, (alpha2) => feature(alpha2)?.properties, codesSource(countryCoderVersion));
  writeFileSync(IDENTIFIERS_MIGRATION, identifiersSql(ids));
  console.log(
    `${SEED_MIGRATION}: ${seed.parties.length} parties, ${seed.events.length} events, ${seed.agreements.length} agreements`,
  );
  console.log(`${SECRETARIAT_MIGRATION}: ${terms.length} terms of the Secretariat's posts`);
  console.log(`${IDENTIFIERS_MIGRATION}: identifiers of ${ids.filter((p) => p.wikidata).length} parties`);
} catch (error) {
  if (error instanceof SeedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
