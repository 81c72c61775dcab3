/**
 * R2, the storage floor: a bare Hono Worker making one indexed point select (the primary key of
 * `parties`) on the same D1 database as the registry, with no validation and no mapping. No
 * registry read can do less work than this, so it is the floor the registry is compared with.
 */
import { Hono } from "hono";

const app = new Hono<{ Bindings: { DB: D1Database } }>();
/** R2's one indexed point select, on the binding or on a session. */
const selectParty = (db: D1Database | D1DatabaseSession, code: string) =>
  db.prepare("SELECT * FROM parties WHERE id = ?").bind(code).first();
app.get("/party/:code", async (c) => {
  const row = await selectParty(c.env.DB, c.req.param("code"));
  return row ? c.json(row) : c.json({ error: "not found" }, 404);
});

/**
 * The platform floor of a public read: R2's select as the issue's own platform makes every registry
 * read run it (issue 13): in a D1 session (`withSession`, src/lib/d1-session.ts), behind the edge
 * cache's generation lookup and key lookup, and keeping the answer after a miss
 * (src/middleware/edge-cache.ts). Hosted with the Cache API off (every lookup misses) it is the floor
 * of the registry's D1 path; with the Cache API on, after one fill, the floor of a cache hit. Locally
 * both primitives are simulated by Workers of their own, so this floor is far below R2 here, not
 * in production (README, "Performance").
 */
app.get("/platform/party/:code", async (c) => {
  const url = new URL(c.req.url);
  const generation = await caches.default.match(new Request(new URL("/__edge-cache/generation", url)));
  const key = new Request(new URL(`/__edge-cache/${generation ? "g" : "none"}/en${url.pathname}`, url));
  const hit = await caches.default.match(key);
  if (hit) return new Response(hit.body, hit);
  const session = c.env.DB.withSession("first-unconstrained");
  const row = await selectParty(session, c.req.param("code"));
  if (!row) return c.json({ error: "not found" }, 404);
  const res = c.json(row);
  const copy = new Response(res.clone().body, res);
  copy.headers.set("Cache-Control", "public, max-age=60");
  c.executionCtx.waitUntil(caches.default.put(key, copy));
  return res;
});

// R2's select in a D1 session alone (npm run bench:ab shows what the session costs by itself).
app.get("/session/party/:code", async (c) => {
  const session = c.env.DB.withSession("first-unconstrained");
  const row = await selectParty(session, c.req.param("code"));
  return row ? c.json(row) : c.json({ error: "not found" }, 404);
});

export default app;
