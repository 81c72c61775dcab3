/**
 * R2, the storage floor: a bare Hono Worker making one indexed point select (the primary key of
 * `parties`) on the same D1 database as the registry, with no validation and no mapping. No
 * registry read can do less work than this, so it is the floor the registry is compared with.
 */
import { Hono } from "hono";

const app = new Hono<{ Bindings: { DB: D1Database } }>();
app.get("/party/:code", async (c) => {
  const row = await c.env.DB.prepare("SELECT * FROM parties WHERE id = ?").bind(c.req.param("code")).first();
  return row ? c.json(row) : c.json({ error: "not found" }, 404);
});

export default app;

// The same select in a D1 session, as every registry request runs (src/lib/d1-session.ts).
app.get("/session/party/:code", async (c) => {
  const session = c.env.DB.withSession("first-unconstrained");
  const row = await session.prepare("SELECT * FROM parties WHERE id = ?").bind(c.req.param("code")).first();
  return row ? c.json(row) : c.json({ error: "not found" }, 404);
});
