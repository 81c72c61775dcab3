/**
 * Validates src/data/*.json and writes the data migrations that load them.
 * Run `npm run data:build` after editing the data; test/db/data-migration.test.ts fails while the migrations
 * and the data disagree. An applied migration is never edited: once one has been applied
 * remotely, corrections go into a new migration. The printed report (records resting only on the
 * press, and the count of records by their best source) is in a stable order, so two runs print the same.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "@rapideditor/country-coder";
import { evidenceReport, evidenceSql } from "../data/evidence-seed";
import { COUNTRY_CODER_REPOSITORY, codesSource, identifiersSql, partyIdentifiers } from "../data/identifiers";
import { secretariatSql, validateTerms } from "../data/secretariat-seed";
import { SeedError, seedSql, validateSeed } from "../data/seed";

export const SEED_MIGRATION = "migrations/0001_real_history.sql";
export const SECRETARIAT_MIGRATION = "migrations/0012_secretariat_leadership.sql";
export const EVIDENCE_MIGRATION = "migrations/0014_evidence_data.sql";
export const IDENTIFIERS_MIGRATION = "migrations/0016_party_identifiers_data.sql";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));
/** The exact version package.json pins, which is the one installed: the identifiers' source names it. */
/** The package's own repository, as its package.json names it (git+https://….git → https://…). */
const countryCoderRepository = (
  JSON.parse(
    readFileSync(new URL("../../node_modules/@rapideditor/country-coder/package.json", import.meta.url), "utf8"),
  ).repository.url as string
)
  .replace(/^git\+/, "")
  .replace(/\.git$/, "");
if (countryCoderRepository !== COUNTRY_CODER_REPOSITORY)
  throw new Error(`country-coder's repository is ${countryCoderRepository}, not ${COUNTRY_CODER_REPOSITORY}`);
const countryCoderVersion = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"))
  .devDependencies["@rapideditor/country-coder"] as string;

try {
  const seed = validateSeed({
    parties: read("parties.json"),
    events: read("status-events.json"),
    agreements: read("agreements.json"),
    attendances: read("attendances.json"),
    scoStatuses: read("sco-statuses.json"),
  });
  const { terms, problems } = validateTerms(read("secretariat-terms.json"), seed);
  if (problems.length > 0) throw new SeedError(problems);
  writeFileSync(SEED_MIGRATION, seedSql(seed));
  writeFileSync(SECRETARIAT_MIGRATION, secretariatSql(terms));
  writeFileSync(EVIDENCE_MIGRATION, evidenceSql(seed));
  const ids = partyIdentifiers(seed, (alpha2) => feature(alpha2)?.properties, codesSource(countryCoderVersion));
  writeFileSync(IDENTIFIERS_MIGRATION, identifiersSql(ids));
  console.log(
    `${SEED_MIGRATION}: ${seed.parties.length} parties, ${seed.events.length} events, ${seed.agreements.length} agreements`,
  );
  console.log(`${SECRETARIAT_MIGRATION}: ${terms.length} terms of the Secretariat's posts`);
  console.log(
    `${EVIDENCE_MIGRATION}: ${seed.attendances.length} attendances, ${seed.scoStatuses.length} statuses of the SCO in other organisations`,
  );
  const termRecords = terms.map((t) => ({
    label: `secretariat-terms.json (${t.id})`,
    certainty: "high",
    sources: t.sources,
  }));
  for (const line of evidenceReport([...seed.records, ...termRecords])) console.log(line);
  console.log(`${IDENTIFIERS_MIGRATION}: identifiers of ${ids.filter((p) => p.wikidata).length} parties`);
} catch (error) {
  if (error instanceof SeedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
