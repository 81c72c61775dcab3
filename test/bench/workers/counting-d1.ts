/**
 * A D1 binding that counts the statements it executes, for the bench's query-counting Worker and the
 * tests that prove a read made no query (test/helpers/d1-counter.ts): the count is taken where the
 * app meets the binding, so it proves what reached D1, whatever the app's own code believes.
 */
export interface D1Counter {
  n: number;
  /** of which in batches (a write's one transaction) */
  batched?: number;
  /** the constraint or bookmark each session was opened with */
  sessions: string[];
}

const RAW = Symbol("raw statement");
type Wrapped = D1PreparedStatement & { [RAW]: D1PreparedStatement };

/** Every way a statement reaches SQLite goes through first/all/raw/run or batch. */
function wrapStatement(stmt: D1PreparedStatement, counter: D1Counter): Wrapped {
  const count =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      counter.n += 1;
      return fn(...args);
    };
  return {
    [RAW]: stmt,
    bind: (...values: unknown[]) => wrapStatement(stmt.bind(...values), counter),
    first: count(stmt.first.bind(stmt)),
    all: count(stmt.all.bind(stmt)),
    raw: count(stmt.raw.bind(stmt)),
    run: count(stmt.run.bind(stmt)),
  } as unknown as Wrapped;
}

type Queryable = Pick<D1Database, "prepare" | "batch">;
const wrapQueryable = (db: Queryable, counter: D1Counter) => ({
  prepare: (sql: string) => wrapStatement(db.prepare(sql), counter),
  batch: (stmts: Wrapped[]) => {
    counter.n += stmts.length;
    counter.batched = (counter.batched ?? 0) + stmts.length;
    return db.batch(stmts.map((s) => s[RAW] ?? s));
  },
});

export function countingD1(db: D1Database, counter: D1Counter): D1Database {
  return {
    ...wrapQueryable(db, counter),
    exec: (sql: string) => {
      counter.n += sql.split(";").filter((s) => s.trim()).length;
      return db.exec(sql);
    },
    dump: () => db.dump(),
    withSession: (start?: string) => {
      counter.sessions.push(start ?? "");
      const session = db.withSession(start);
      return { ...wrapQueryable(session, counter), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}
