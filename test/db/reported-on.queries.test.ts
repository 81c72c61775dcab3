/**
 * "Reported on a day" has one home, isReportedOn (src/domain/periods.ts). SQL evaluates it in two
 * places — `reportedOn` (the lists, the consent guards) and the view status_counts_derived behind
 * the roster's running totals — and this property test proves both give the domain's answer on
 * generated days, boundary days (and their neighbours) included.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { reportedOn } from "../../src/db/parties";
import { countStatusesOn } from "../../src/db/party-lists";
import { statusPeriods } from "../../src/db/schema";
import { isReportedOn } from "../../src/domain/periods";

const db = createDb(env.DB);
let rows: (typeof statusPeriods.$inferSelect)[] = [];
let boundaries: string[] = [];
const shift = (day: string, by: number) => new Date(Date.parse(day) + by * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  rows = await db.select().from(statusPeriods);
  boundaries = [
    ...new Set(
      rows
        .flatMap((r) => [r.fromWindowStart, r.fromWindowEnd, r.toWindowStart, r.toWindowEnd])
        .filter((d): d is string => d !== null),
    ),
  ];
});

const anyDay = fc
  .date({ min: new Date("1999-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const nearBoundary = fc
  .tuple(fc.nat(), fc.integer({ min: -1, max: 1 }))
  .map(([i, by]) => shift(boundaries[i % boundaries.length]!, by));
const day = fc.oneof(anyDay, nearBoundary);

describe("isReportedOn in SQL", () => {
  it("reportedOn selects exactly the periods the domain reports on the day", async () => {
    await fc.assert(
      fc.asyncProperty(day, async (d) => {
        const sqlSide = await db
          .select({ party: statusPeriods.partyId, start: statusPeriods.startEventId })
          .from(statusPeriods)
          .where(reportedOn(d));
        const domainSide = rows
          .filter((r) => isReportedOn(r, d))
          .map((r) => ({ party: r.partyId, start: r.startEventId }));
        const key = (x: { party: string; start: number }) => `${x.party}/${x.start}`;
        expect(sqlSide.map(key).sort()).toEqual(domainSide.map(key).sort());
      }),
      { numRuns: 150 },
    );
  });

  it("the roster's running totals (status_counts, from the view) count what the domain reports", async () => {
    await fc.assert(
      fc.asyncProperty(day, async (d) => {
        const counted = Object.fromEntries(
          (await countStatusesOn(db, d)).filter((c) => (c.count ?? 0) > 0).map((c) => [c.status, c.count]),
        );
        const expected: Record<string, number> = {};
        for (const r of rows) if (isReportedOn(r, d)) expected[r.status] = (expected[r.status] ?? 0) + 1;
        expect(counted).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
