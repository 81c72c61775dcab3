/**
 * The SQL that evaluates the agreements' rules inside a write's batch (the guards and the consent
 * settlement in agreements.queries.ts) gives the same verdict as the rule's one home in
 * src/domain, on generated inputs. Each run writes its rows straight into D1 under a fresh id and
 * asks the SQL; the domain is asked with the same data, membership computed by isReportedOn.
 */
import { env } from "cloudflare:workers";
import { eq, type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { windowEndSql, windowStartSql } from "../../src/db/partial-dates";
import { agreements, consents, statusPeriods } from "../../src/db/schema";
import { holds as holdsNow } from "../../src/db/writes";
import {
  agreementProblems,
  checkConclusion,
  consentBasis,
  type DatedConsent,
  type Lifecycle,
  lifecycleAfterConsent,
  tallyConsents,
} from "../../src/domain/agreements";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import { agreementConsistent } from "../../src/routes/agreements/agreements.queries";
import {
  conclusionAllowedSql,
  findAgreementConsents,
  settleConsentLifecycle,
} from "../../src/routes/consents/consents.queries";
import { membersByDomain } from "../helpers/db";

const db = createDb(env.DB);
const holds = (condition: SQL) => holdsNow(db, condition);

/** Days where membership changes (and around them), plus ordinary ones. */
const DAYS = [
  "2001-06-14",
  "2001-06-15",
  "2010-05-01",
  "2017-06-08",
  "2017-06-09",
  "2017-06-10",
  "2023-07-03",
  "2023-07-04",
  "2024-07-03",
  "2024-07-04",
  "2026-02-01",
  "2026-06-15",
];
const STATES = ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "MNG", "AFG", "TUR"];

let periods: (typeof statusPeriods.$inferSelect)[] = [];
const membersOn = (day: string) => membersByDomain(periods, day);

beforeAll(async () => {
  periods = await db.select().from(statusPeriods);
});

let serial = 0;
async function insertAgreement(row: Partial<typeof agreements.$inferInsert>, given: readonly DatedConsent[]) {
  const id = `guard-${serial++}`;
  await db
    .insert(agreements)
    .values({ id, kind: "other", titleEn: "Generated", lifecycle: "awaiting_consent", ...row });
  if (given.length > 0)
    await db
      .insert(consents)
      .values(given.map((c) => ({ agreementId: id, stateId: c.state, decision: c.decision, date: c.date })));
  return id;
}

const consentSet = fc.uniqueArray(
  fc.record({
    state: fc.constantFrom(...STATES),
    decision: fc.constantFrom("consent" as const, "objection" as const),
    date: fc.constantFrom(...DAYS),
  }),
  { selector: (c) => c.state, maxLength: STATES.length },
);

/**
 * Consents that are complete for the members on `day`, dated on or before it, then disturbed by
 * up to two changes (one missing, one objecting, one dated later, a non-member's decision): the
 * verdicts on both sides of every boundary come up often.
 */
const nearlyCompleteOn = (day: string) =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom("drop", "object", "later", "same-day", "outsider"),
        index: fc.nat(),
        date: fc.constantFrom(...DAYS),
      }),
      { maxLength: 2 },
    )
    .map((changes) => {
      const given: DatedConsent[] = membersOn(day).map((state) => ({
        state,
        decision: "consent",
        date: "2001-06-15" <= day ? "2001-06-15" : day,
      }));
      for (const change of changes) {
        const at = given.length === 0 ? -1 : change.index % given.length;
        if (change.kind === "drop" && at >= 0) given.splice(at, 1);
        if (change.kind === "object" && at >= 0) given[at] = { ...given[at]!, decision: "objection" };
        if (change.kind === "later" && at >= 0) given[at] = { ...given[at]!, date: change.date };
        if (change.kind === "same-day" && at >= 0) given[at] = { ...given[at]!, date: day };
        if (change.kind === "outsider" && !given.some((c) => c.state === "TUR"))
          given.push({ state: "TUR", decision: "objection", date: change.date });
      }
      return given;
    });

const partialDate = fc
  .tuple(
    fc.integer({ min: 1990, max: 2100 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.constantFrom("year", "month", "day"),
  )
  .map(([y, m, d, precision]) => {
    const ym = `${y}-${String(m).padStart(2, "0")}`;
    const value = precision === "year" ? String(y) : precision === "month" ? ym : `${ym}-${String(d).padStart(2, "0")}`;
    return parsePartialDate(value);
  })
  .filter((p): p is PartialDate => !("error" in p));

describe("SQL guards agree with src/domain", () => {
  it("a partial date's window in SQL is parsePartialDate's", async () => {
    await fc.assert(
      fc.asyncProperty(partialDate, async (d) => {
        const row = await db.get<{ s: string; e: string }>(
          sql`SELECT ${windowStartSql(sql`${d.value}`, sql`${d.precision}`)} AS s, ${windowEndSql(sql`${d.value}`, sql`${d.precision}`)} AS e`,
        );
        expect(row).toEqual({ s: d.windowStart, e: d.windowEnd });
      }),
      { numRuns: 200 },
    );
  });

  it("conclusionAllowedSql is checkConclusion(...).allowed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...DAYS)
          .chain((day) => fc.tuple(fc.constant(day), fc.oneof(consentSet, nearlyCompleteOn(day)))),
        async ([day, given]) => {
          const id = await insertAgreement({}, given);
          expect(await holds(conclusionAllowedSql(id, day))).toBe(checkConclusion(membersOn(day), given, day).allowed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("settleConsentLifecycle moves the lifecycle as lifecycleAfterConsent(tallyConsents(members on consentBasis))", async () => {
    const today = "2026-06-15";
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(consentSet, nearlyCompleteOn("2024-07-04"), nearlyCompleteOn("2017-06-09")),
        fc.constantFrom("2017-06-09", "2017-06", "2024-07-04", "2001-06-15", null),
        fc.constantFrom<Lifecycle>("awaiting_consent", "consented", "draft", "concluded"),
        async (given, proposed, lifecycle) => {
          const p = proposed === null ? null : (parsePartialDate(proposed) as PartialDate);
          const id = await insertAgreement(
            { lifecycle, proposedDate: p?.value ?? null, proposedPrecision: p?.precision ?? null },
            given,
          );
          await settleConsentLifecycle(db, id, today);
          const [row] = await db
            .select({ lifecycle: agreements.lifecycle, version: agreements.version })
            .from(agreements)
            .where(eq(agreements.id, id));
          const basis = consentBasis({ signed: null, proposed: p }, today);
          expect(row).toEqual({
            lifecycle: lifecycleAfterConsent(lifecycle, tallyConsents(membersOn(basis.date), given)),
            version: 2,
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("findAgreementConsents reads the members on consentBasis(...) as required, the consents as given, and the party named", async () => {
    const basisDate = fc.option(
      fc.oneof(
        fc.constantFrom(...DAYS, "2017-06", "2024"),
        partialDate.map((p) => p.value),
      ),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(
        basisDate,
        basisDate,
        fc.constantFrom(...DAYS),
        consentSet,
        fc.constantFrom("KAZ", "kz", "cis", "XXX"),
        async (signedValue, proposedValue, today, given, ref) => {
          const signed = signedValue === null ? null : (parsePartialDate(signedValue) as PartialDate);
          const proposed = proposedValue === null ? null : (parsePartialDate(proposedValue) as PartialDate);
          const id = await insertAgreement(
            {
              signedDate: signed?.value ?? null,
              signedPrecision: signed?.precision ?? null,
              signedWindowStart: signed?.windowStart ?? null,
              proposedDate: proposed?.value ?? null,
              proposedPrecision: proposed?.precision ?? null,
            },
            given,
          );
          const found = await findAgreementConsents(db, id, today, ref);
          expect(found?.required).toEqual(membersOn(consentBasis({ signed, proposed }, today).date).sort());
          expect(found?.consents.map((c) => ({ state: c.stateId, decision: c.decision, date: c.date }))).toEqual(
            [...given].sort((a, b) => a.state.localeCompare(b.state)),
          );
          const party = {
            KAZ: { id: "KAZ", kind: "state" },
            kz: { id: "KAZ", kind: "state" },
            cis: { id: "cis", kind: "organisation" },
            XXX: null,
          }[ref];
          expect(found?.party).toEqual(party);
        },
      ),
      { numRuns: 150 },
    );
    expect(await findAgreementConsents(db, "no-such-agreement", "2026-06-15")).toBeUndefined();
  });

  it("agreementConsistent is agreementProblems(...) being empty", async () => {
    const optionalDate = fc.option(partialDate, { nil: null });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Lifecycle>(
          "draft",
          "awaiting_consent",
          "consented",
          "concluded",
          "in_force",
          "terminated",
          "expired",
        ),
        fc.option(fc.constantFrom(...DAYS), { nil: null }),
        optionalDate,
        optionalDate,
        fc.boolean(),
        fc.oneof(consentSet, nearlyCompleteOn("2024-07-04"), nearlyCompleteOn("2017-06-10")),
        async (lifecycle, signedDay, inForce, ended, consentsRecorded, given) => {
          const signed = signedDay === null ? null : (parsePartialDate(signedDay) as PartialDate);
          const id = await insertAgreement(
            {
              lifecycle,
              consentsRecorded,
              signedDate: signed?.value ?? null,
              signedPrecision: signed?.precision ?? null,
              signedWindowStart: signed?.windowStart ?? null,
              inForceDate: inForce?.value ?? null,
              inForcePrecision: inForce?.precision ?? null,
              endedDate: ended?.value ?? null,
              endedPrecision: ended?.precision ?? null,
            },
            given,
          );
          const problems = agreementProblems(
            { lifecycle, consentsRecorded, signed, inForce, ended },
            signed ? membersOn(signed.value) : [],
            given,
          );
          expect(await holds(agreementConsistent(id)), problems.join("; ")).toBe(problems.length === 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
