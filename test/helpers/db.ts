import { env } from "cloudflare:workers";
import type { StatusPeriodRow } from "../../src/db/parties";
import { isReportedOn } from "../../src/domain/periods";

/** Rows of a query on the test D1 (the one the Worker under test uses). */
export const rows = async <T>(query: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results;

/** The number of rows of `table`. */
export const count = async (table: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

/**
 * What an agreement write touches, counted. Compared before and after a request within one test:
 * files that share a database run one after another (test/vitest.config.ts), so only the request
 * in between can change it.
 */
export const agreementTables = async () => ({
  audit: await count("audit_log"),
  changes: await count("changes"),
  agreements: await count("agreements"),
  consents: await count("consents"),
});

/** What a status-event write touches, counted. */
export const statusEventTables = async () => [
  await count("status_events"),
  await count("audit_log"),
  await count("changes"),
];

/**
 * The member states on `day` by the domain's rule (isReportedOn) over period rows read once: the side
 * of the SQL = domain property tests that involves no SQL.
 */
export const membersByDomain = (periods: readonly StatusPeriodRow[], day: string) => [
  ...new Set(
    periods
      .filter((p) => p.partyKind === "state" && p.status === "member" && isReportedOn(p, day))
      .map((p) => p.partyId),
  ),
];
