/** A benchmark database: the real migrations (schema and real history), then the synthetic registry. */

import { sql } from "drizzle-orm";
import { createDb } from "../../../src/db/client";
import { recountStatuses } from "../../../src/db/party-lists";
import { statusEvents, statusEventVersions } from "../../../src/db/schema";
import { rowJson } from "../../../src/db/versions";
import { type D1, migrationStatements, runStatements } from "./host";
import { type AgreementData, syntheticAgreements } from "./synthetic-agreements";
import { syntheticEvents } from "./synthetic-events";

export interface Dataset {
  events: number;
  /** a synthetic state with a full ten-event log, asked about by the state endpoints and R2 */
  code: string;
  /** a moment after every event was recorded (the data migration's and the synthetic ones): asRecordedOn reads ask it */
  recordedAt: string;
  writePool: AgreementData["writePool"];
  rows: Record<string, number>;
}

/** R3's table (test/bench/workers/write-floor.ts: a Worker module may export only handlers). */
const WRITE_FLOOR_TABLE =
  "CREATE TABLE bench_writes (id INTEGER PRIMARY KEY, agreement_id TEXT NOT NULL, state_id TEXT NOT NULL, body TEXT NOT NULL)";

const TABLES = [
  "parties",
  "status_events",
  "status_event_versions",
  "status_periods",
  "agreements",
  "agreement_counterparties",
  "consents",
];

export async function loadDataset(db: D1, events: number, realDb: D1): Promise<Dataset> {
  await runStatements(realDb, migrationStatements(), 25);
  await runStatements(db, migrationStatements(), 25);
  const parties = (await db.prepare("SELECT id, kind FROM parties").all<{ id: string; kind: string }>()).results as {
    id: string;
    kind: string;
  }[];
  const maxId = (await db.prepare("SELECT coalesce(max(id), 0) AS n FROM status_events").first<{ n: number }>())!.n;
  // The real members today: the states whose consent the write benchmark records.
  const members = (
    await db
      .prepare(
        "SELECT party_id FROM status_periods WHERE party_kind = 'state' AND status = 'member' AND to_date IS NULL ORDER BY party_id",
      )
      .all<{ party_id: string }>()
  ).results.map((r: { party_id: string }) => r.party_id);
  const synthetic = syntheticEvents(events, maxId + 1, new Set(parties.map((p) => p.id)));
  const organisations = parties.filter((p) => p.kind === "organisation").map((p) => p.id);
  const agreements = await syntheticAgreements(organisations, synthetic.codes, members);
  await runStatements(db, [...synthetic.statements, ...agreements.statements, WRITE_FLOOR_TABLE]);
  // The roster's running totals, recounted by the statements every status-event write batches.
  const drizzleDb = createDb(db as unknown as D1Database);
  await drizzleDb.batch(recountStatuses(drizzleDb));
  // The synthetic events' first versions, as the data migration records the real ones (src/db/versions.ts).
  const loadedAt = new Date().toISOString();
  await drizzleDb.run(sql`INSERT INTO ${statusEventVersions} (event_id, version, party_id, recorded_from, action, record)
    SELECT ${statusEvents.id}, 1, ${statusEvents.partyId}, ${loadedAt}, 'recorded', ${rowJson(statusEvents)}
    FROM ${statusEvents} WHERE ${statusEvents.id} NOT IN (SELECT event_id FROM ${statusEventVersions})`);
  const rows: Record<string, number> = {};
  for (const t of TABLES) rows[t] = (await db.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n;
  return {
    events,
    code: synthetic.codes[Math.floor(synthetic.codes.length / 2)]!,
    recordedAt: new Date(Date.parse(loadedAt) + 1).toISOString(),
    writePool: agreements.writePool,
    rows,
  };
}
