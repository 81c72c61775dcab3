/**
 * Cursor pagination: a cursor is the opaque, base64url-encoded sort key of the last item served.
 * Page sizes are capped so no list is unbounded.
 */
import { z } from "@hono/zod-openapi";
import { ApiError } from "./problem";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const PageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ format: "int32", description: `Items per page (1-${MAX_PAGE_SIZE})`, example: 50 }),
  cursor: z
    .string()
    .max(512)
    .optional()
    // Documented, not enforced here: any cursor this API did not issue is refused as invalid-cursor.
    .openapi({
      pattern: "^[A-Za-z0-9_-]*$",
      description: "The `nextCursor` of the previous page; omit it for the first page",
      example: "WyJJTkQiXQ",
    }),
};

export const nextCursorField = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]*$/)
  .nullable()
  .openapi({ description: "Cursor of the next page, or null on the last page", example: "WyJJTkQiXQ" });

export function encodeCursor(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Decodes a cursor into its sort key; a tampered or foreign cursor is a 400, never a 500. */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
    return shape.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    throw new ApiError(400, {
      code: "invalid-cursor",
      detail: "The cursor is not one this API issued; start again without it",
    });
  }
}

/** Splits a `limit + 1` query result into the page and the cursor of the next one. */
export function paginate<Row>(rows: Row[], limit: number, keyOf: (row: Row) => readonly (string | number)[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
