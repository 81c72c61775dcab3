/**
 * R3, the write floor: a bare Hono Worker that parses a JSON body and makes one D1 insert plus one
 * audit insert in a batch (one transaction), with no validation, no guard and no idempotency. No
 * registry write that is audited can do less, so it is the floor a write is compared with.
 *
 * Its table, bench_writes, exists only in the bench's database (WRITE_FLOOR_TABLE in test/bench/lib/dataset.ts).
 */
import { Hono } from "hono";

const app = new Hono<{ Bindings: { DB: D1Database } }>();
app.post("/agreements/:id/consents", async (c) => {
  const body = await c.req.json<{ state: string }>();
  const id = c.req.param("id");
  const [row] = await c.env.DB.batch([
    c.env.DB.prepare("INSERT INTO bench_writes (agreement_id, state_id, body) VALUES (?, ?, ?)").bind(
      id,
      body.state,
      JSON.stringify(body),
    ),
    c.env.DB.prepare(
      "INSERT INTO audit_log (actor_key_id, actor_name, action, entity_type, entity_id, after, request_id) VALUES ('r3', 'r3', 'consent', 'consent', ?, ?, ?)",
    ).bind(`${id}/${body.state}`, JSON.stringify(body), crypto.randomUUID()),
  ]);
  return c.json({ id: row?.meta.last_row_id }, 201);
});

export default app;
