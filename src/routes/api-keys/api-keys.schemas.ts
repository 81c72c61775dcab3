import { z } from "@hono/zod-openapi";
import { nextCursorField, PageQuery } from "../../lib/pagination";

export const CreateApiKeyBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ description: "Who holds the key", example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({ description: "editor: every write; admin: also manages keys and reads the audit log", example: "editor" }),
  })
  .openapi("CreateApiKey");

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_3f9a0c2b7d1e4a55" }),
    name: z.string().openapi({ example: "International relations department — A. Karimova" }),
    role: z.enum(["editor", "admin"]).openapi({ example: "editor" }),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it", example: "sco_Xk3v" }),
    createdAt: z.string().openapi({ example: "2026-11-24T10:00:00.000Z" }),
    createdBy: z.string().nullable().openapi({ example: "bootstrap" }),
    revokedAt: z.string().nullable().openapi({ example: null }),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret. Shown this once; only its SHA-256 hash is stored", example: "sco_Xk3v…" }),
}).openapi("CreatedApiKey");

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema), nextCursor: nextCursorField }).openapi("ApiKeyList");
export const ApiKeyListQuery = z.object(PageQuery);
export const ApiKeyIdParam = z.object({
  id: z.string().regex(/^key_[0-9a-f]{16}$/).openapi({ param: { name: "id", in: "path" }, example: "key_3f9a0c2b7d1e4a55" }),
});
