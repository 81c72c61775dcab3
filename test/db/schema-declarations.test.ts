/**
 * src/db is the whole truth of the database: the migrated database holds exactly the tables,
 * columns, indexes, foreign keys and checks of src/db/schema.ts, and exactly the views and triggers
 * of src/db/read-models.ts, with the same SQL. A trigger added in a migration but not declared, or
 * declared but never migrated (`npm run db:generate` writes that migration), fails here.
 */
import { env } from "cloudflare:workers";
import { is, SQL } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import { getTableConfig, getViewConfig, type SQLiteColumn, SQLiteTable, SQLiteView } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { declaredObjects, normaliseSql, readModels } from "../../src/db/read-models";
import * as schema from "../../src/db/schema";

// drizzle() and drizzle-kit run with casing "snake_case" (src/db/client.ts, npm run db:generate).
const casing = new CasingCache("snake_case");
const columnName = (c: SQLiteColumn) => casing.getColumnCasing(c);
const byName = <T extends { name: string }>(rows: T[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name));

const tables = Object.values(schema)
  .filter((v) => is(v, SQLiteTable))
  .map((t) => getTableConfig(t));
const views = Object.values(schema)
  .filter((v) => is(v, SQLiteView))
  .map((v) => getViewConfig(v));

interface MasterRow {
  type: "table" | "index" | "view" | "trigger";
  name: string;
  tbl_name: string;
  sql: string | null;
}
/** What the migrations built, without SQLite's, D1's and the test pool's own objects. */
async function master(type: MasterRow["type"]) {
  const { results } = await env.DB.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = ?")
    .bind(type)
    .all<MasterRow>();
  return results.filter((r) => !/^(sqlite_|_cf_|d1_)/.test(r.name) && !/^(_cf_|d1_)/.test(r.tbl_name));
}
const pragma = async <T>(fn: string, name: string) =>
  (await env.DB.prepare(`SELECT * FROM ${fn}(?)`).bind(name).all<T>()).results;

describe("the migrated database is exactly what src/db declares", () => {
  // Column order is not compared: ALTER TABLE ADD appends where drizzle declares in the middle.
  it("has the tables of schema.ts, each with its columns (name, type, not null, primary key)", async () => {
    const actual = await Promise.all(
      (await master("table")).map(async (t) => ({
        name: t.name,
        columns: byName(
          (await pragma<{ name: string; type: string; notnull: number; pk: number }>("pragma_table_info", t.name)).map(
            (c) => ({
              name: c.name,
              type: c.type,
              notNull: c.notnull === 1,
              primaryKey: c.pk > 0,
            }),
          ),
        ),
      })),
    );
    const declared = tables.map((t) => {
      const keyColumns = new Set(t.primaryKeys.flatMap((pk) => pk.columns));
      return {
        name: t.name,
        columns: byName(
          t.columns.map((c) => ({
            name: columnName(c),
            type: c.getSQLType().toUpperCase(),
            notNull: c.notNull,
            primaryKey: c.primary || keyColumns.has(c),
          })),
        ),
      };
    });
    expect(byName(actual)).toEqual(byName(declared));
  });

  it("has the indexes of schema.ts (name, table, uniqueness, columns)", async () => {
    const actual = await Promise.all(
      (await master("index")).map(async (i) => {
        const [info] = (
          await pragma<{ name: string; unique: number; partial: number }>("pragma_index_list", i.tbl_name)
        ).filter((x) => x.name === i.name);
        const columns = await pragma<{ seqno: number; name: string | null }>("pragma_index_info", i.name);
        return {
          name: i.name,
          table: i.tbl_name,
          unique: info?.unique === 1,
          partial: info?.partial === 1,
          columns: columns.sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
        };
      }),
    );
    const declared = tables.flatMap((t) =>
      t.indexes.map(({ config }) => ({
        name: config.name,
        table: t.name,
        unique: config.unique,
        partial: config.where !== undefined,
        // an expression has no column name in pragma_index_info
        columns: config.columns.map((c) => (is(c, SQL) ? null : columnName(c))),
      })),
    );
    expect(byName(actual)).toEqual(byName(declared));
  });

  it("has the foreign keys and named checks of schema.ts", async () => {
    const actual = await Promise.all(
      (await master("table")).map(async (t) => ({
        name: t.name,
        foreignKeys: (await pragma<{ table: string; from: string; to: string }>("pragma_foreign_key_list", t.name))
          .map((f) => `${f.from} -> ${f.table}.${f.to}`)
          .sort(),
        checks: [...(t.sql ?? "").matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK/g)].map((m) => m[1]).sort(),
      })),
    );
    const declared = tables.map((t) => ({
      name: t.name,
      foreignKeys: t.foreignKeys
        .flatMap((fk) => {
          const ref = fk.reference();
          return ref.columns.map(
            (c, i) =>
              `${columnName(c)} -> ${getTableConfig(ref.foreignTable).name}.${columnName(ref.foreignColumns[i]!)}`,
          );
        })
        .sort(),
      checks: t.checks.map((c) => c.name).sort(),
    }));
    expect(byName(actual)).toEqual(byName(declared));
  });

  it("has exactly the views and triggers of read-models.ts, with the same SQL", async () => {
    const actual = [...(await master("view")), ...(await master("trigger"))].map((o) => ({
      type: o.type,
      name: o.name,
      sql: normaliseSql(o.sql ?? ""),
    }));
    const declared = declaredObjects.map((o) => ({ type: o.type, name: o.name, sql: normaliseSql(o.sql) }));
    expect(byName(actual)).toEqual(byName(declared));
  });

  it("declares each drizzle view handle of schema.ts in read-models.ts, with the view's columns", async () => {
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) {
      expect(
        declaredObjects.some((o) => o.type === "view" && o.name === view.name),
        view.name,
      ).toBe(true);
      const columns = await pragma<{ name: string }>("pragma_table_info", view.name);
      const handle = Object.values(view.selectedFields) as SQLiteColumn[];
      expect(handle.map(columnName), view.name).toEqual(columns.map((c) => c.name));
    }
  });
});

describe("read-models.ts", () => {
  it("names each object once", () => {
    const names = declaredObjects.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("can rebuild each read model: its refresh runs on the migrated data and changes nothing", async () => {
    const stored = async () =>
      Promise.all(
        ["parties", "status_counts", "id_sequences"].map(
          async (t) => (await env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).results,
        ),
      );
    const before = await stored();
    expect(before.every((rows) => rows.length > 0)).toBe(true);
    await env.DB.batch(readModels.flatMap((m) => m.refresh).map((s) => env.DB.prepare(s)));
    expect(await stored()).toEqual(before);
  });
});
