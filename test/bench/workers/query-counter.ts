/**
 * The registry's own bundle behind a D1 binding that counts the statements it executes, reported in
 * the `x-d1-queries` response header. The bench runs each endpoint once through this Worker; the
 * timed runs use the unwrapped bundle, so counting never costs the measured numbers anything.
 *
 * `./registry.js` is the output of `wrangler deploy --dry-run`, supplied as a second module.
 */
// @ts-expect-error: resolved at runtime to the wrangler-built bundle, which has no types
import registry from "./registry.js";

type Counter = { n: number };
const RAW = Symbol("raw statement");
type Wrapped = D1PreparedStatement & { [RAW]: D1PreparedStatement };

/** Every way a statement reaches SQLite goes through first/all/raw/run or batch. */
function wrapStatement(stmt: D1PreparedStatement, counter: Counter): Wrapped {
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

function countingDb(db: D1Database, counter: Counter): D1Database {
  const wrapped = {
    prepare: (sql: string) => wrapStatement(db.prepare(sql), counter),
    batch: (stmts: Wrapped[]) => {
      counter.n += stmts.length;
      return db.batch(stmts.map((s) => s[RAW] ?? s));
    },
    exec: (sql: string) => {
      counter.n += sql.split(";").filter((s) => s.trim()).length;
      return db.exec(sql);
    },
    dump: () => db.dump(),
    // Sessions run on the one local database: the same counted binding, with a bookmark to hand back.
    withSession: () => ({ ...wrapped, getBookmark: () => db.withSession().getBookmark() }),
  };
  return wrapped as unknown as D1Database;
}

export default {
  async fetch(request: Request, env: { DB: D1Database }, ctx: ExecutionContext): Promise<Response> {
    const counter: Counter = { n: 0 };
    const response: Response = await registry.fetch(request, { ...env, DB: countingDb(env.DB, counter) }, ctx);
    // waitUntil work is not awaited here; the registry's reads and writes are all in the response path.
    const out = new Response(response.body, response);
    out.headers.set("x-d1-queries", String(counter.n));
    return out;
  },
};
