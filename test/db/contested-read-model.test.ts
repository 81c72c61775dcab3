/**
 * parties.contested is a read model: the data build and the event write store contestedSpans
 * (src/domain/contested.ts) of the party's log. This proves the stored spans are exactly the rule's
 * answer for every party, so the status read may answer `contested` from the party's row alone.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { parties, statusEvents } from "../../src/db/schema";
import { contestedSpans } from "../../src/domain/contested";
import { validPartialDate } from "../../src/domain/dates";
import type { Alternative } from "../../src/domain/evidence";
import { toEventInput } from "../../src/lib/party-mappers";

describe("parties.contested", () => {
  it("holds exactly the contested spans of each party's log", async () => {
    const db = createDb(env.DB);
    const events = await db.select().from(statusEvents);
    const stored = await db.select({ id: parties.id, contested: parties.contested }).from(parties);
    let spans = 0;
    for (const party of stored) {
      const log = events
        .filter((e) => e.partyId === party.id)
        .map((e) => ({
          ...toEventInput(e),
          alternatives: (JSON.parse(e.alternatives) as Alternative[]).map((a) => ({
            ...a,
            date: a.date ? validPartialDate(a.date) : undefined,
          })),
        }));
      const expected = contestedSpans(log);
      spans += expected.length;
      expect(JSON.parse(party.contested), party.id).toEqual(expected);
    }
    // The real history has other readings (the dialogue partners' Council decisions): the proof is not vacuous.
    expect(spans).toBeGreaterThanOrEqual(14);
  });
});
