import { z } from "@hono/zod-openapi";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { MAX, PATTERN, str, timestamp } from "../../lib/wire";

export const CreateApiKeyBody = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .openapi({ description: "Who holds the key", example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({
      description: "editor: every write; admin: also manages keys and reads the audit log",
      example: "editor",
    }),
  })
  .openapi("CreateApiKey");

export const ApiKeySchema = z
  .object({
    id: str(20)
      .regex(/^key_[0-9a-f]{16}$/)
      .openapi({ example: "key_3f9a0c2b7d1e4a55" }),
    name: str(100).openapi({ example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({ example: "editor" }),
    prefix: str(8)
      .regex(/^sco_[A-Za-z0-9_-]{4}$/)
      .openapi({ description: "First characters of the key, to recognise it", example: "sco_Xk3v" }),
    createdAt: timestamp(),
    createdBy: str(MAX.keyId).regex(PATTERN.keyId).nullable().openapi({ example: "bootstrap" }),
    revokedAt: timestamp().nullable().openapi({ example: null }),
  })
  .openapi("ApiKey");

const KEY_SECRET = str(256).regex(/^sco_[A-Za-z0-9_-]{16,252}$/);

/** The first answer to a key creation: the only one that ever carries the secret. */
export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: KEY_SECRET.openapi({
    description: "The secret. Shown this once; only its SHA-256 hash is stored",
    example: "sco_Xk3vQ9mZ2pL7tR4wY8nB1cD5fG6hJ0kA3sE9uI2oP4q",
  }),
}).openapi("CreatedApiKey");

/**
 * A replay of a key creation (same Idempotency-Key and body): the secret is not stored anywhere, the
 * idempotency record included, so the replay can only say that the key exists and withhold it.
 */
export const ReplayedApiKeySchema = ApiKeySchema.extend({
  keyWithheld: z.literal(true).openapi({
    description:
      "This answer replays an earlier creation with the same Idempotency-Key (header Idempotent-Replayed: true). The secret is shown only once, in the first answer, and is never stored; if that answer was lost, revoke this key and create a new one.",
    example: true,
  }),
}).openapi("ReplayedApiKey");

export const CreateApiKeyResultSchema = z.union([CreatedApiKeySchema, ReplayedApiKeySchema]);

export const ApiKeyListSchema = z
  .object({ items: z.array(ApiKeySchema).max(MAX_PAGE_SIZE), nextCursor: nextCursorField })
  .openapi("ApiKeyList");
export const ApiKeyListQuery = z.object(PageQuery);
export const ApiKeyIdParam = z.object({
  id: z
    .string()
    .regex(/^key_[0-9a-f]{16}$/)
    .openapi({ param: { name: "id", in: "path" }, maxLength: 20, example: "key_3f9a0c2b7d1e4a55" }),
});
