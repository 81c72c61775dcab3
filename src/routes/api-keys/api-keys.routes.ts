import {
  IdempotencyHeader,
  jsonBody,
  keyedContent,
  keyedHeaders,
  locationHeader,
  notModified,
  problemContent,
} from "../../lib/openapi";
import { keyedOperation } from "../operations";
import {
  ApiKeyIdParam,
  ApiKeyListQuery,
  ApiKeyListSchema,
  CreateApiKeyBody,
  CreateApiKeyResultSchema,
} from "./api-keys.schemas";

const tags = ["API keys"];

export const create = keyedOperation({
  method: "post",
  path: "/v1/api-keys",
  operationId: "createApiKey",
  summary: "Create an API key (admin); the secret is shown once",
  description:
    "Only the key's SHA-256 hash is stored: keep the secret from this answer, it cannot be shown again. A retry with the same Idempotency-Key and body replays this 201 (header Idempotent-Replayed: true) without the secret: `key` is absent and `keyWithheld` is true (schema ReplayedApiKey). The idempotency record never holds the secret; if the first answer was lost, revoke the key and create another.",
  tags,
  role: "admin",
  request: { headers: IdempotencyHeader, body: jsonBody(CreateApiKeyBody, "The key's holder and role") },
  responses: {
    201: keyedContent(
      CreateApiKeyResultSchema,
      "The new key, with its secret (CreatedApiKey); a replay withholds the secret (ReplayedApiKey)",
      locationHeader,
    ),
  },
});

export const list = keyedOperation({
  method: "get",
  path: "/v1/api-keys",
  operationId: "listApiKeys",
  summary: "List API keys (admin); secrets are never shown",
  description: "Every key, revoked ones included.",
  tags,
  role: "admin",
  request: { query: ApiKeyListQuery },
  responses: { 200: keyedContent(ApiKeyListSchema, "One page of keys"), ...notModified },
});

export const remove = keyedOperation({
  method: "delete",
  path: "/v1/api-keys/{id}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key (admin); takes effect at once",
  description: "The key stays listed with its revokedAt; requests with it are refused with 401 from then on.",
  tags,
  role: "admin",
  request: { params: ApiKeyIdParam },
  responses: {
    204: { description: "Revoked", headers: keyedHeaders },
    409: problemContent("The key is already revoked", keyedHeaders),
  },
});

export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type RemoveRoute = typeof remove;
