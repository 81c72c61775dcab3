/**
 * src/db/constraints.ts reads D1's own failure messages: each constraint the app answers is provoked
 * here against the real D1, through drizzle's batch (as commitWrite runs it) and a single statement
 * (drizzle then wraps D1's error in its own), and must be recognised; other failures must not be.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { type Constraint, violatedConstraint } from "../../src/db/constraints";
import {
  agreements,
  agreementVersions,
  idempotencyKeys,
  parties,
  statusEvents,
  writeGuards,
} from "../../src/db/schema";
import { createKey, expectProblem, send } from "../helpers";

const db = createDb(env.DB);

type Statement = () => BatchItem<"sqlite"> & PromiseLike<unknown>;

/** The error D1 throws for `statement`, run as part of a batch and on its own. */
async function failures(statement: Statement): Promise<unknown[]> {
  const errors: unknown[] = [];
  await db
    .batch([db.select({ id: parties.id }).from(parties).limit(1), statement()])
    .catch((e: unknown) => errors.push(e));
  await Promise.resolve(statement()).catch((e: unknown) => errors.push(e));
  expect(errors).toHaveLength(2);
  return errors;
}

async function expectViolated(statement: Statement, constraint: Constraint | undefined) {
  for (const error of await failures(statement)) expect(violatedConstraint(error)).toBe(constraint);
}

describe("violatedConstraint on D1's messages", () => {
  it("recognises a failed write guard (CHECK write_guards_ok)", async () => {
    await expectViolated(() => db.insert(writeGuards).values({ ok: 0 }), "writeGuard");
  });

  it("recognises a second idempotency record of the same key (primary key of idempotency_keys)", async () => {
    const row = {
      apiKeyId: "constraints-test",
      key: crypto.randomUUID(),
      requestHash: "h",
      status: 201,
      responseBody: "{}",
    };
    await expectViolated(() => db.insert(idempotencyKeys).values([row, row]), "idempotencyKey");
  });

  it("recognises an existing agreement id (primary key of agreements)", async () => {
    const existing = await db.select().from(agreements).limit(1).get();
    expect(existing).toBeDefined();
    await expectViolated(() => db.insert(agreements).values(existing!), "agreementId");
  });

  it("recognises a version of an agreement already on record (primary key of agreement_versions)", async () => {
    const existing = await db.select().from(agreementVersions).limit(1).get();
    expect(existing).toBeDefined();
    await expectViolated(
      () => db.insert(agreementVersions).values({ ...existing!, recordedUntil: "9999-12-31T00:00:00.000Z" }),
      "agreementVersion",
    );
  });

  it("recognises an identical status event (unique index status_events_identity_unique)", async () => {
    const { id: _id, ...existing } = (await db.select().from(statusEvents).limit(1).get())!;
    await expectViolated(() => db.insert(statusEvents).values(existing), "identicalEvent");
  });

  it("recognises nothing else: NOT NULL, FOREIGN KEY, another unique index", async () => {
    const { id: _id, ...event } = (await db.select().from(statusEvents).limit(1).get())!;
    // "NOT NULL constraint failed: status_events.party_id" named a column of the identity index, and
    // the substring test this replaces took it for a duplicate event.
    await expectViolated(
      () =>
        db.run(
          sql`INSERT INTO status_events (party_id, status, kind, date, precision, window_start, window_end, sources) VALUES (NULL, 'a', 'b', 'c', 'd', 'e', 'f', '[]')`,
        ),
      undefined,
    );
    await expectViolated(() => db.insert(statusEvents).values({ ...event, partyId: "NO-SUCH-PARTY" }), undefined);
    const withAlpha2 = (await db.select().from(parties).where(sql`${parties.alpha2} IS NOT NULL`).limit(1).get())!;
    await expectViolated(() => db.insert(parties).values({ ...withAlpha2, id: "ZZZ-CONSTRAINTS" }), undefined);
  });
});

describe("violatedConstraint's parsing", () => {
  it("reads a unique index on expressions by its name, as SQLite reports it", () => {
    const error = new Error(
      "D1_ERROR: UNIQUE constraint failed: index 'status_events_identity_unique': SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)",
    );
    expect(violatedConstraint(error)).toBe("identicalEvent");
  });

  it("reads only D1's message, never text quoted in another (a bound parameter in drizzle's 'Failed query')", () => {
    const error = new Error(
      "Failed query: insert into agreements values (?)\nparams: UNIQUE constraint failed: agreements.id",
    );
    expect(violatedConstraint(error)).toBeUndefined();
    expect(violatedConstraint(new Error("UNIQUE constraint failed: agreements.id, agreements.kind"))).toBeUndefined();
    expect(violatedConstraint("CHECK constraint failed: write_guards_ok")).toBeUndefined();
  });
});

describe("a race lost on a constraint is answered, not a 500", () => {
  it("gives one 201 and four 409 duplicates when five creates of one agreement id arrive at once", async () => {
    const editor = await createKey("editor");
    const payload = {
      id: `race-${crypto.randomUUID()}`,
      kind: "protocol",
      title: { en: "Protocol" },
      counterparties: ["cis"],
      sources: ["test"],
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send("POST", "/v1/agreements", payload, editor.key)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409))
      expect((await expectProblem(res, 409)).type).toBe("/problems/duplicate");
  });
});
