/**
 * The Worker under test with its D1 binding wrapped to count the statements it executes, the way the
 * bench counts them (test/bench/workers/query-counter.ts): the count is taken where the app meets
 * the binding, so it proves what reached D1, whatever the app's own code believes.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { fromClient } from "./index";

const RAW = Symbol("raw statement");
type Wrapped = D1PreparedStatement & { [RAW]: D1PreparedStatement };
interface Counter {
  n: number;
  /** the constraint or bookmark each session was opened with */
  sessions: string[];
}

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

type Queryable = Pick<D1Database, "prepare" | "batch">;
const wrapQueryable = (db: Queryable, counter: Counter) => ({
  prepare: (sql: string) => wrapStatement(db.prepare(sql), counter),
  batch: (stmts: Wrapped[]) => {
    counter.n += stmts.length;
    return db.batch(stmts.map((s) => s[RAW] ?? s));
  },
});

function countingDb(db: D1Database, counter: Counter): D1Database {
  return {
    ...wrapQueryable(db, counter),
    withSession: (start?: string) => {
      counter.sessions.push(start ?? "");
      const session = db.withSession(start);
      return { ...wrapQueryable(session, counter), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}

const BASE = "http://registry.test";

/**
 * Sends a request through the Worker's fetch handler with a counting D1 binding, waits for its
 * waitUntil work (the edge cache stores after answering), and returns the answer and the count.
 */
export async function counted(path: string, init: RequestInit = {}) {
  const counter: Counter = { n: 0, sessions: [] };
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, { ...init, headers: fromClient(init.headers) });
  const res = await worker.fetch(request, { ...env, DB: countingDb(env.DB, counter) }, ctx);
  await waitOnExecutionContext(ctx);
  return { res, queries: counter.n, sessions: counter.sessions };
}
