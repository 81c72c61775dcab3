/**
 * R1, the runtime's limit: a bare Hono Worker answering a small JSON object with no storage, so its
 * req/s is what workerd and the loopback can do at all on this machine.
 */
import { Hono } from "hono";

const app = new Hono();
app.get("*", (c) => c.json({ ok: true }));

export default app;
