/**
 * depositaryAllowedSql, the guard that a depositary act's batch checks, gives the verdict of the
 * rule's one home, depositaryProblems (src/domain/depositary.ts), on generated agreements, logs and
 * acts. Rows are written straight into D1 under fresh ids; the domain is asked with the same data,
 * membership on the date of conclusion computed by isReportedOn from the status registry.
 */
import { env } from "cloudflare:workers";
import type { SQL } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { agreements, depositaryActions, statusPeriods } from "../../src/db/schema";
import { holds as holdsNow } from "../../src/db/writes";
import { LIFECYCLE, type Lifecycle } from "../../src/domain/agreements";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import {
  type DepositaryAction,
  type DepositaryFact,
  depositaryBasis,
  depositaryProblems,
  type Recipient,
} from "../../src/domain/depositary";
import { depositaryAllowedSql, depositaryLogOf } from "../../src/routes/depositary/depositary.queries";
import { membersByDomain } from "../helpers/db";

const db = createDb(env.DB);
const holds = (condition: SQL) => holdsNow(db, condition);

/** Dates of conclusion around the changes of membership (2017-06-09, 2023-07-04, 2024-07-04), at each precision. */
const SIGNED = [
  "2017-06-08",
  "2017-06-09",
  "2017-06",
  "2023-07-03",
  "2023-07-04",
  "2023-07",
  "2024-07-04",
  "2024",
  "2026-06-15",
];
/** Acts' dates on both sides of those. */
const ACT_DATES = [
  "2017-06-08",
  "2017-06-09",
  "2017-06-30",
  "2017-06",
  "2017",
  "2023-07-03",
  "2023-07-05",
  "2024-07-04",
  "2024-07",
  "2026-06-15",
  "2026-06-16",
  "2026-07",
];
const STATES = ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "MNG", "TUR"];

let periods: (typeof statusPeriods.$inferSelect)[] = [];
const membersOn = (day: string) => membersByDomain(periods, day);

beforeAll(async () => {
  periods = await db.select().from(statusPeriods);
});

const d = (v: string) => parsePartialDate(v) as PartialDate;
const recipient: fc.Arbitrary<Recipient> = fc.oneof(
  fc.constantFrom(...STATES).map((state) => ({ kind: "member_state" as const, state })),
  fc.constant({ kind: "rats" as const }),
);
const recipientKey = (r: Recipient) => (r.kind === "rats" ? "rats" : r.state);

/** A log the table accepts: at most one original, certified copies, at most one forward per recipient. */
const logArb: fc.Arbitrary<DepositaryFact[]> = fc
  .tuple(
    fc.option(fc.constantFrom(...ACT_DATES), { nil: null }),
    fc.array(fc.constantFrom(...ACT_DATES), { maxLength: 2 }),
    fc.uniqueArray(fc.record({ to: recipient, date: fc.constantFrom(...ACT_DATES) }), {
      selector: (f) => recipientKey(f.to),
      maxLength: 5,
    }),
  )
  .map(([original, copies, forwards]) => [
    ...(original ? [{ action: "original_received" as const, date: d(original), recipient: null }] : []),
    ...copies.map((c) => ({ action: "certified_copy_made" as const, date: d(c), recipient: null })),
    ...forwards.map((f) => ({ action: "copy_forwarded" as const, date: d(f.date), recipient: f.to })),
  ]);

const nextArb: fc.Arbitrary<DepositaryFact> = fc.oneof(
  fc.record({
    action: fc.constantFrom<DepositaryAction>("original_received", "certified_copy_made"),
    date: fc.constantFrom(...ACT_DATES).map(d),
    recipient: fc.constant(null),
  }),
  fc.record({
    action: fc.constant<DepositaryAction>("copy_forwarded"),
    date: fc.constantFrom(...ACT_DATES).map(d),
    recipient,
  }),
);

let serial = 0;
async function insert(
  lifecycle: Lifecycle,
  signed: PartialDate | null,
  consentsRecorded: boolean,
  log: DepositaryFact[],
) {
  const id = `depositary-guard-${serial++}`;
  await db.insert(agreements).values({
    id,
    kind: "other",
    titleEn: "Generated",
    lifecycle,
    consentsRecorded,
    signedDate: signed?.value ?? null,
    signedPrecision: signed?.precision ?? null,
    signedWindowStart: signed?.windowStart ?? null,
  });
  if (log.length > 0) {
    await db.insert(depositaryActions).values(
      log.map((f, i) => ({
        id: `dep_${String(serial).padStart(10, "0")}${String(i).padStart(6, "0")}`,
        agreementId: id,
        action: f.action,
        date: f.date.value,
        precision: (f.date as PartialDate).precision,
        windowStart: f.date.windowStart,
        windowEnd: f.date.windowEnd,
        recipientKind: f.recipient?.kind ?? null,
        recipientStateId: f.recipient?.kind === "member_state" ? f.recipient.state : null,
        actor: "Generated",
        sources: '["Generated"]',
      })),
    );
  }
  return id;
}

describe("the depositary guard agrees with src/domain", () => {
  it("depositaryAllowedSql is depositaryProblems(...) being empty", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Lifecycle>(...LIFECYCLE, "concluded", "in_force"),
        fc.option(fc.constantFrom(...SIGNED), { nil: null }),
        fc.boolean(),
        logArb,
        nextArb,
        async (lifecycle, signedValue, logKept, log, next) => {
          const signed = signedValue === null ? null : d(signedValue);
          const id = await insert(lifecycle, signed, logKept, log);
          const agreement = { lifecycle, signed, logKept };
          const basis = depositaryBasis(agreement);
          const problems = depositaryProblems(agreement, basis ? membersOn(basis) : [], log, next);
          const allowed = await holds(
            depositaryAllowedSql(id, {
              action: next.action,
              windowEnd: next.date.windowEnd,
              recipient: next.recipient,
            }),
          );
          expect(allowed, problems.map((p) => p.code).join(", ") || "allowed").toBe(problems.length === 0);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("the log is read through its index", () => {
  it("one search of depositary_actions_agreement_idx, already in date and recording order", async () => {
    const { sql: text, params } = depositaryLogOf(db, "sco-asean-mou-2005").toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`)
      .bind(...params)
      .all<{ detail: string }>();
    expect(results.map((r) => r.detail)).toEqual([
      expect.stringMatching(
        /^SEARCH depositary_actions USING INDEX depositary_actions_agreement_idx \(agreement_id=\?\)$/,
      ),
    ]);
  });
});
