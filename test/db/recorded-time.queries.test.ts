/**
 * SQL = domain: the recorded time a write's batch gives a new version (nextRecordedAtSql) is
 * nextRecordedAt's; and the trigger that closes an agreement's open version when the next is recorded.
 */
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it, onTestFinished } from "vitest";
import { createDb } from "../../src/db/client";
import { agreements, agreementVersions } from "../../src/db/schema";
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

describe("agreement_versions_close_open (src/db/read-models.ts)", () => {
  it("closes the open version at the start of the next, and only for a new open version", async () => {
    const id = `close-open-${crypto.randomUUID()}`;
    await db.insert(agreements).values({ id, kind: "other", titleEn: "Trigger test", lifecycle: "draft" });
    const version = (v: number, from: string, until: string | null = null) =>
      db.insert(agreementVersions).values({
        agreementId: id,
        version: v,
        recordedFrom: from,
        recordedUntil: until,
        action: v === 1 ? "recorded" : "change",
        record: "{}",
      });
    const versions = () =>
      db
        .select({
          v: agreementVersions.version,
          from: agreementVersions.recordedFrom,
          until: agreementVersions.recordedUntil,
        })
        .from(agreementVersions)
        .where(eq(agreementVersions.agreementId, id))
        .orderBy(agreementVersions.version);
    // The rows are this test's own, and removed at its end: other files of the shared D1 export versions.
    onTestFinished(async () => {
      await db.delete(agreementVersions).where(eq(agreementVersions.agreementId, id));
      await db.delete(agreements).where(eq(agreements.id, id));
    });
    await version(1, "2026-01-01T00:00:00.000Z");
    await version(2, "2026-01-02T00:00:00.000Z");
    expect(await versions()).toEqual([
      { v: 1, from: "2026-01-01T00:00:00.000Z", until: "2026-01-02T00:00:00.000Z" },
      { v: 2, from: "2026-01-02T00:00:00.000Z", until: null },
    ]);
    // A version inserted closed (history written by other means) leaves the open one open.
    await version(0, "2025-12-31T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
    expect((await versions()).filter((r) => r.until === null).map((r) => r.v)).toEqual([2]);
  });
});
