/** SQL = domain: the recorded time a write's batch gives a new version (nextRecordedAtSql) is nextRecordedAt's. */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { nextRecordedAtSql } from "../../src/db/versions";
import { nextRecordedAt } from "../../src/domain/recorded";

const db = createDb(env.DB);
const instant = fc
  .integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2100-01-01T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString());

describe("nextRecordedAtSql = nextRecordedAt", () => {
  it("agrees on generated instants, close together and far apart", async () => {
    // now a few ms around the previous version (a fast or skewed clock), or hours away.
    const delta = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -1e8, max: 1e8 }));
    await fc.assert(
      fc.asyncProperty(instant, delta, async (previous, by) => {
        const now = new Date(Date.parse(previous) + by).toISOString();
        const row = await db.get<{ t: string }>(sql`SELECT ${nextRecordedAtSql(sql`${previous}`, now)} AS t`);
        expect(row?.t).toBe(nextRecordedAt(previous, new Date(now)));
      }),
      { numRuns: 200 },
    );
  });
});
