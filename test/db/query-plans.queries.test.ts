import { env } from "cloudflare:workers";
import { fillPlaceholders, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { activeKeyWithIdempotencyQuery } from "../../src/db/api-keys";
import { createDb } from "../../src/db/client";
import {
  findPartyByIdentifierQuery,
  findPartyQuery,
  getPartyWithEventsQuery,
  statusOnDayQuery,
} from "../../src/db/parties";
import {
  countStatusesOn,
  listPeriodsOnQuery,
  listPeriodsOnValues,
  type PeriodsOnFilter,
} from "../../src/db/party-lists";
import {
  eventVersionIs,
  partyVersionCountIs,
  versionsOfAgreement,
  versionsOfEvent,
  versionsOfParty,
  versionsOpenAt,
} from "../../src/db/versions";
import {
  counterpartiesOf,
  listAgreementsQuery,
  listAgreementsValues,
} from "../../src/routes/agreements/agreements.queries";
import { listChanges } from "../../src/routes/changes/changes.queries";
import { agreementConsentsQuery } from "../../src/routes/consents/consents.queries";
import {
  agreementsPage,
  agreementVersionsPage,
  consentsPage,
  EXPORT_PAGE_SIZE,
  eventsPage,
  eventVersionsPage,
  partiesPage,
  periodsPage,
  termsPage,
} from "../../src/routes/exports/exports.queries";
import { listEvents } from "../../src/routes/status-events/status-events.queries";

const db = createDb(env.DB);

/** The plan of a drizzle query, one line per step, as SQLite reports it; `values` fill its placeholders. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }, values: Record<string, unknown> = {}) {
  const { sql, params } = query.toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...fillPlaceholders(params, values))
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** The plan of a list page (listPeriodsOn), with its placeholders filled as a request fills them. */
const listPlan = (f: PeriodsOnFilter) => planOf(listPeriodsOnQuery(db, f), listPeriodsOnValues(f));

/** A hot query may search or walk an index, never scan a whole table or sort a page in memory. */
function expectIndexed(plan: string[]) {
  for (const step of plan) {
    expect(step, plan.join(" | ")).not.toMatch(/^SCAN \w+$/);
    // json_each is the list of ids passed as one parameter, not a table.
    expect(step, plan.join(" | ")).not.toMatch(/^SCAN (?!json_each)\w+ (?!USING)/);
    expect(step, plan.join(" | ")).not.toMatch(/TEMP B-TREE/);
  }
}

describe("the hot queries use indexes", () => {
  it("status on a date: one point select of the party, its periods included", async () => {
    const byId = await planOf(statusOnDayQuery(db, "id"), { kind: "state", key: "IRN" });
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatch(/^SEARCH parties USING INDEX \w+ \((kind=\? AND )?id=\?\)$/);
    const byAlpha2 = await planOf(statusOnDayQuery(db, "alpha2"), { kind: "state", key: "IR" });
    expect(byAlpha2).toEqual(["SEARCH parties USING INDEX parties_alpha2_unique (alpha2=?)"]);
  });

  it("history and detail: one indexed lookup of the party and its events", async () => {
    expectIndexed(await planOf(getPartyWithEventsQuery(db, "id"), { kind: "state", key: "IRN" }));
    expectIndexed(await planOf(getPartyWithEventsQuery(db, "alpha2"), { kind: "state", key: "IR" }));
  });

  it("a party without its log (attendances, reads as recorded): one search of parties", async () => {
    for (const plan of [
      await planOf(findPartyQuery(db, "state", "IRN")),
      await planOf(findPartyQuery(db, "state", "IR")),
    ]) {
      expect(plan).toHaveLength(1);
      expect(plan[0]).toMatch(/^SEARCH parties USING (INDEX|PRIMARY KEY|INDEX sqlite_autoindex)/);
    }
  });

  it("the roster's counts: one seek per status down the running totals", async () => {
    const plan = await planOf(countStatusesOn(db, "2020-01-01"));
    expectIndexed(plan);
    expect(plan.join(" | ")).toMatch(
      /SEARCH status_counts USING (COVERING )?INDEX sqlite_autoindex_status_counts_1 \(status=\? AND from_day<\?\)/,
    );
  });

  it("states on a date, with and without a status filter, from a cursor", async () => {
    expectIndexed(await listPlan({ kind: "state", status: "member", day: "2020-01-01", limit: 50 }));
    expectIndexed(await listPlan({ kind: "state", day: "2020-01-01", after: { id: "IND" }, limit: 50 }));
  });

  it("the roster: statuses held by many walked in party order, those held by few read by their open periods", async () => {
    for (const after of [undefined, { status: "member", id: "IND" }]) {
      const plan = (await listPlan({ day: "2020-01-01", after, limit: 50, orderByStatus: true })).join(" | ");
      // Two ordered parts, merged: the walk stops at the page's end.
      const [dense, sparse] = plan.split(" | RIGHT | ");
      expect(plan).toMatch(/^MERGE \(UNION ALL\) \| LEFT \| /);
      expectIndexed(dense!.split(" | "));
      expect(dense).toMatch(/SEARCH status_periods USING .*INDEX status_periods_status_party_cover_idx \(status=\?\)/);
      // A status few hold: one range of its periods not ended on the day, then sorted (at most a
      // few hundred rows: SPARSE in src/db/party-lists.ts), never a walk of all its periods.
      expect(sparse).toMatch(
        /SEARCH status_periods USING .*INDEX status_periods_status_open_cover_idx \(status=\? AND <expr>>\?\)/,
      );
      expect(sparse).not.toMatch(/SCAN status_periods|SCAN parties/);
    }
  });

  it("the event log and the change feed", async () => {
    expectIndexed(await planOf(listEvents(db, { limit: 50, after: { windowStart: "2005-01-01", id: 3 } })));
    expectIndexed(await planOf(listEvents(db, { party: "irn", limit: 50 })));
    expectIndexed(await planOf(listChanges(db, 100, 50)));
  });

  it("agreements by counterparty, and their counterparties", async () => {
    for (const f of [
      { counterparty: "asean", limit: 50 },
      { limit: 50, after: "sco-a" },
    ])
      expectIndexed(await planOf(listAgreementsQuery(db, f), listAgreementsValues(f)));
    expectIndexed(await planOf(counterpartiesOf(db, ["sco-asean-mou-2005", "sco-cis-mou-2005"])));
  });

  it("the one read of a consent write (the agreement, its consents, who must consent, the state named)", async () => {
    for (const ref of ["KAZ", "kz", undefined]) {
      const plan = await planOf(agreementConsentsQuery(db, "sco-asean-mou-2005", "2026-06-15", ref));
      expectIndexed(plan);
      expect(plan[0]).toMatch(/^SEARCH agreements USING INDEX sqlite_autoindex_agreements_1 \(id=\?\)$/);
      // one agreement: nothing in it walks a whole index either (not even the join without a state)
      expect(
        plan.filter((step) => step.startsWith("SCAN")),
        plan.join(" | "),
      ).toEqual([]);
    }
  });

  it("a keyed POST's middleware read: the API key by its hash, with its record of the Idempotency-Key", async () => {
    expect(await planOf(activeKeyWithIdempotencyQuery(db, "0".repeat(64), "retry-1"))).toEqual([
      "SEARCH api_keys USING INDEX api_keys_hash_unique (hash=?)",
      "SEARCH idempotency_keys USING INDEX sqlite_autoindex_idempotency_keys_1 (api_key_id=? AND key=?) LEFT-JOIN",
    ]);
  });
});

describe("identifiers and exports use indexes", () => {
  it("a lookup by any identifier is one search of a unique index (or the primary key)", async () => {
    for (const [scheme, value, index] of [
      ["wikidata", "Q794", "parties_wikidata_unique"],
      ["m49", "364", "parties_m49_unique"],
      ["iso3166-alpha2", "IR", "parties_alpha2_unique"],
      ["iso3166-alpha3", "IRN", "sqlite_autoindex_parties_1"],
    ] as const) {
      const plan = await planOf(findPartyByIdentifierQuery(db, scheme, value));
      expect(plan, scheme).toHaveLength(1);
      expect(plan[0], scheme).toMatch(new RegExp(`^SEARCH parties USING INDEX ${index} `));
    }
  });

  it("each export page after the first starts with a seek on its key, and none sorts in memory", async () => {
    const pages = [
      periodsPage(db, ["IRN", 12], EXPORT_PAGE_SIZE),
      eventsPage(db, 12, EXPORT_PAGE_SIZE),
      agreementsPage(db, "m", EXPORT_PAGE_SIZE),
      consentsPage(db, ["m", "KAZ"], EXPORT_PAGE_SIZE),
      partiesPage(db, "IRN", EXPORT_PAGE_SIZE),
      termsPage(db, "m", EXPORT_PAGE_SIZE),
      // as recorded (issue 11): the versions open at T, walked from the key in the current files' order
      eventVersionsPage(db, "2026-12-01T08:00:00.000Z", 12, EXPORT_PAGE_SIZE),
      agreementVersionsPage(db, "2026-12-01T08:00:00.000Z", "m", EXPORT_PAGE_SIZE),
    ];
    for (const page of pages) {
      const plan = await planOf(page);
      expect(plan.join(" | ")).not.toMatch(/TEMP B-TREE/);
      expect(plan[0], plan.join(" | ")).toMatch(/^SEARCH \w+ USING (INTEGER PRIMARY KEY|(COVERING )?INDEX \w+) \(/);
    }
  });
});

describe("the record over time (asRecordedOn) is read through indexes", () => {
  const at = "2026-12-01T08:00:00.000Z";
  it("a party's log as recorded at T: one range of its versions recorded by T", async () => {
    const plan = await planOf(versionsOfParty(db, "IRN", at));
    expectIndexed(plan);
    expect(plan.join(" | ")).toMatch(
      /SEARCH status_event_versions USING INDEX status_event_versions_party_recorded_idx \(party_id=\? AND recorded_from<\?\)/,
    );
    expectIndexed(await planOf(versionsOfParty(db, "IRN")));
  });

  it("every party's record at T (the roster as recorded): a range of the recorded-time index", async () => {
    const plan = await planOf(versionsOpenAt(db, at));
    expect(plan.join(" | ")).toMatch(
      /SEARCH status_event_versions USING INDEX status_event_versions_recorded_idx \(recorded_from<\?\)/,
    );
  });

  it("an agreement as recorded at T, an event's versions, and the guards of a correction", async () => {
    expectIndexed(await planOf(versionsOfAgreement(db, "sco-asean-mou-2005", at)));
    expectIndexed(await planOf(versionsOfEvent(db, 1)));
    // The guards, as the batch evaluates them: each one index search.
    const dialect = new SQLiteAsyncDialect({ casing: "snake_case" });
    for (const guard of [eventVersionIs(1, 1), partyVersionCountIs("IRN", 3)]) {
      const plan = await planOf({ toSQL: () => dialect.sqlToQuery(sql`SELECT CASE WHEN ${guard} THEN 1 ELSE 0 END`) });
      expect(plan.join(" | ")).toMatch(/SEARCH status_event_versions .*USING (COVERING )?INDEX/);
      expect(plan.join(" | ")).not.toMatch(/SCAN status_event_versions/);
    }
  });
});
