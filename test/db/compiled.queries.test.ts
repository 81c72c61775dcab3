import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { compiledStatement } from "../../src/db/compiled";
import { parties } from "../../src/db/schema";

// The tests run with verifyCompiledStatements on (test/helpers/apply-migrations.ts): a compiled
// query whose SQL or literals differ from its shape's first compilation throws instead of reading
// the first request's values.

const db = () => createDb(env.DB);
const nameOf = () =>
  db()
    .select({ name: parties.nameEn })
    .from(parties)
    .where(eq(parties.id, sql.placeholder("id")));

describe("compiledStatement", () => {
  it("binds each call's placeholders to the SQL compiled once", async () => {
    const read = (id: string) => compiledStatement(db(), "test:placeholder", () => nameOf(), { id }).first();
    expect(await read("IRN")).toEqual({ name_en: "Iran (Islamic Republic of)" });
    expect(await read("IND")).toEqual({ name_en: "India" });
  });

  it("throws when a value is compiled in as a literal and a later call differs", () => {
    const literal = (id: string) => db().select({ name: parties.nameEn }).from(parties).where(eq(parties.id, id));
    compiledStatement(db(), "test:literal", () => literal("IRN"), {});
    expect(() => compiledStatement(db(), "test:literal", () => literal("IRN"), {})).not.toThrow();
    expect(() => compiledStatement(db(), "test:literal", () => literal("IND"), {})).toThrow(/literal parameter/);
  });

  it("throws when the shape's key leaves out a condition that changes the SQL", () => {
    const filtered = (kind?: string) =>
      db()
        .select({ id: parties.id })
        .from(parties)
        .where(kind ? eq(parties.kind, sql.placeholder("kind")) : undefined);
    compiledStatement(db(), "test:shape", () => filtered(), {});
    expect(() => compiledStatement(db(), "test:shape", () => filtered("state"), { kind: "state" })).toThrow(
      /SQL differs/,
    );
  });
});
