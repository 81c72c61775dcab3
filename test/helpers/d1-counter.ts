/**
 * The Worker under test with its D1 binding wrapped to count the statements it executes, by the same
 * counting binding the bench uses (test/bench/workers/counting-d1.ts).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../src/index";
import { countingD1, type D1Counter } from "../bench/workers/counting-d1";
import { fromClient } from "./index";

const BASE = "http://registry.test";

/**
 * Sends a request through the Worker's fetch handler with a counting D1 binding, waits for its
 * waitUntil work (the edge cache stores after answering), and returns the answer and the count.
 */
export async function counted(path: string, init: RequestInit = {}) {
  const counter: D1Counter = { n: 0, sessions: [] };
  const ctx = createExecutionContext();
  const request = new Request(`${BASE}${path}`, { ...init, headers: fromClient(init.headers) });
  const res = await worker.fetch(request, { ...env, DB: countingD1(env.DB, counter) }, ctx);
  await waitOnExecutionContext(ctx);
  return { res, queries: counter.n, batched: counter.batched ?? 0, sessions: counter.sessions };
}
