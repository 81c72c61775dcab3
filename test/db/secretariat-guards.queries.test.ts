/**
 * "Two terms of the Secretary-General overlap" has one home, `overlap` (src/domain/secretariat.ts);
 * the appointing batch evaluates it in SQL (`overlapSql`, src/db/secretariat.ts). This property test
 * proves the two agree on generated terms of every precision, open ones and touching ones included.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { overlapSql } from "../../src/db/secretariat";
import { holds } from "../../src/db/writes";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import { overlap, type TermDates } from "../../src/domain/secretariat";

const db = createDb(env.DB);

const day = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2012-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partial = fc
  .tuple(day, fc.constantFrom(4, 7, 10))
  .map(([d, n]) => parsePartialDate(d.slice(0, n)) as PartialDate);
const term = fc
  .tuple(partial, fc.option(partial, { nil: null }))
  .map(([a, b]): TermDates => ({ start: a, end: b && b.windowEnd < a.windowStart ? null : b }));
const bounds = (t: TermDates) => ({ startWindowEnd: t.start.windowEnd, endWindowStart: t.end?.windowStart ?? null });

describe("overlap in SQL", () => {
  it("overlapSql answers as the domain's overlap on generated terms", async () => {
    await fc.assert(
      fc.asyncProperty(term, term, async (a, b) => {
        expect(await holds(db, overlapSql(bounds(a), bounds(b)))).toBe(overlap(a, b));
      }),
      { numRuns: 200 },
    );
  });
});
