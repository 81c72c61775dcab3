import { z } from "@hono/zod-openapi";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { MAX, PATTERN, str, timestamp } from "../../lib/wire";

export const CreateApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ description: "Who holds the key", example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({ description: "editor: every write; admin: also manages keys and reads the audit log", example: "editor" }),
  })
  .openapi("CreateApiKey");

export const ApiKeySchema = z
  .object({
    id: str(20).regex(/^key_[0-9a-f]{16}$/).openapi({ example: "key_3f9a0c2b7d1e4a55" }),
    name: str(100).openapi({ example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({ example: "editor" }),
    prefix: str(8).regex(/^sco_[A-Za-z0-9_-]{4}$/).openapi({ description: "First characters of the key, to recognise it", example: "sco_Xk3v" }),
    createdAt: timestamp(),
    createdBy: str(MAX.keyId).regex(PATTERN.keyId).nullable().openapi({ example: "bootstrap" }),
    revokedAt: timestamp().nullable().openapi({ example: null }),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: str(256).regex(/^sco_[A-Za-z0-9_-]{16,252}$/).openapi({ description: "The secret. Shown this once; only its SHA-256 hash is stored", example: "sco_Xk3vQ9mZ2pL7tR4wY8nB1cD5fG6hJ0kA3sE9uI2oP4q" }),
}).openapi("CreatedApiKey");

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema).max(MAX_PAGE_SIZE), nextCursor: nextCursorField }).openapi("ApiKeyList");
export const ApiKeyListQuery = z.object(PageQuery);
export const ApiKeyIdParam = z.object({
  id: z.string().regex(/^key_[0-9a-f]{16}$/).openapi({ param: { name: "id", in: "path" }, maxLength: 20, example: "key_3f9a0c2b7d1e4a55" }),
});
