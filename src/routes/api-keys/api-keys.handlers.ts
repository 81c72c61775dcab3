import { z } from "@hono/zod-openapi";
import { randomId, randomToken, sha256Hex } from "../../lib/crypto";
import { decodeCursor, paginate } from "../../lib/pagination";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import { type ApiKeyRow, findKey, insertKey, listKeys, revokeKey } from "./api-keys.queries";
import type { CreateRoute, ListRoute, RemoveRoute } from "./api-keys.routes";

const toWire = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdAt: k.createdAt,
  createdBy: k.createdBy,
  revokedAt: k.revokedAt,
});

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const { name, role } = c.req.valid("json");
  const secret = `sco_${randomToken()}`;
  const row = {
    id: randomId("key"),
    name,
    role,
    hash: await sha256Hex(secret),
    prefix: secret.slice(0, 8),
    createdBy: c.var.actor.keyId,
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  const wire = toWire(row);
  return commitWrite(c, {
    statements: [insertKey(c.var.db, row)],
    record: { action: "api_key.created", entityType: "api_key", entityId: row.id, before: null, after: wire },
    publicChange: false,
    status: 201,
    body: { ...wire, key: secret },
    // The secret is shown in this answer only: a replay of it (same Idempotency-Key) says it is withheld.
    storedBody: { ...wire, keyWithheld: true as const },
    headers: { Location: `/v1/api-keys/${row.id}`, "Cache-Control": "no-store" },
  });
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const after = decodeCursor(cursor, z.tuple([z.string()]));
  const { page, nextCursor } = paginate(await listKeys(c.var.db, after?.[0], limit), limit, (k) => [k.id]);
  return c.json({ items: page.map(toWire), nextCursor }, 200, { "Cache-Control": "no-store" });
};

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const { id } = c.req.valid("param");
  const key = await findKey(c.var.db, id);
  if (!key) throw new ApiError(404, { code: "not-found", detail: `No API key ${id}` });
  if (key.revokedAt)
    throw new ApiError(409, { code: "already-revoked", detail: `Key ${id} was revoked at ${key.revokedAt}` });
  const revokedAt = new Date().toISOString();
  await commitWrite(c, {
    statements: [revokeKey(c.var.db, id, revokedAt)],
    record: {
      action: "api_key.revoked",
      entityType: "api_key",
      entityId: id,
      before: toWire(key),
      after: { ...toWire(key), revokedAt },
    },
    publicChange: false,
    status: 200,
    body: null,
  });
  return c.body(null, 204);
};
