/**
 * R3, the write floor: a bare Hono Worker that parses a JSON body and makes one D1 insert plus one
 * audit insert in a batch (one transaction), with no validation, no guard and no idempotency. No
 * registry write that is audited can do less, so it is the floor a write is compared with.
 *
 * Its table, bench_writes, exists only in the bench's database (WRITE_FLOOR_TABLE in test/bench/lib/dataset.ts).
 */
import { type Context, Hono } from "hono";

type Env = { Bindings: { DB: D1Database } };
const app = new Hono<Env>();
/** R3's two inserts on `db`: the binding itself (R3), or a session (the platform floor below). */
async function write(c: Context<Env>, db: D1Database | D1DatabaseSession) {
  const body = await c.req.json<{ state: string }>();
  const id = c.req.param("id");
  const [row] = await db.batch([
    db
      .prepare("INSERT INTO bench_writes (agreement_id, state_id, body) VALUES (?, ?, ?)")
      .bind(id, body.state, JSON.stringify(body)),
    db
      .prepare(
        "INSERT INTO audit_log (actor_key_id, actor_name, action, entity_type, entity_id, after, request_id) VALUES ('r3', 'r3', 'consent', 'consent', ?, ?, ?)",
      )
      .bind(`${id}/${body.state}`, JSON.stringify(body), crypto.randomUUID()),
  ]);
  return row?.meta.last_row_id;
}

app.post("/agreements/:id/consents", async (c) => c.json({ id: await write(c, c.env.DB) }, 201));

/**
 * The platform floor of a write: R3's batch as the registry must run every write (issue 13), in a
 * D1 session started on the primary, answering with its bookmark, and purging the location's edge
 * cache (one put of a new generation, src/lib/edge-cache.ts).
 */
app.post("/platform/agreements/:id/consents", async (c) => {
  const session = c.env.DB.withSession("first-primary");
  const id = await write(c, session);
  const bookmark = session.getBookmark() ?? "";
  const headers = { "Cache-Control": "public, max-age=86400", "X-Edge-Generation": crypto.randomUUID() };
  const key = new Request(new URL("/__edge-cache/generation", c.req.url));
  await caches.default.put(
    key,
    new Response(null, { headers: { ...headers, "X-Edge-Generation-Bookmark": bookmark } }),
  );
  return c.json({ id }, 201, { "X-D1-Bookmark": bookmark });
});

export default app;
