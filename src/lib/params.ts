/** Query parameters shared by several resources. */
import { z } from "@hono/zod-openapi";
import { parseDay, today } from "../domain/dates";
import { parseAsRecordedOn } from "../domain/recorded";

export const LANGUAGES = ["en", "ru", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

export const LangQuery = z
  .enum(LANGUAGES)
  .optional()
  .openapi({ description: "Language of names: en, ru or zh (else Accept-Language, else en)", example: "en" });

/** A calendar day; `2017-13-45` or `219` are refused with a message that says why. */
export const DaySchema = z.string().transform((value, ctx) => {
  const day = parseDay(value);
  if (typeof day === "string") return day;
  ctx.addIssue({ code: "custom", message: day.error });
  return z.NEVER;
});

export const AtQuery = DaySchema.optional()
  .transform((day) => day ?? today())
  .openapi({
    type: "string",
    format: "date",
    maxLength: 10,
    description: "The day asked about (YYYY-MM-DD); defaults to today (UTC)",
    example: "2017-06-10",
  });

/**
 * The moment of the record a read answers from (src/domain/recorded.ts): a day (its end, UTC) or an
 * instant with its zone. Malformed or in the future: a 400 problem. Omitted: the current record.
 */
export const AsRecordedOnQuery = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const at = parseAsRecordedOn(value, new Date());
    if (typeof at === "string") return at;
    ctx.addIssue({ code: "custom", message: at.error });
    return z.NEVER;
  })
  .optional()
  .openapi({
    type: "string",
    maxLength: 40,
    description:
      "Answer as the registry recorded it then: a day (YYYY-MM-DD, its end in UTC) or an instant (e.g. 2026-12-01T08:00:00Z), not in the future and not before the record began. Omit for the current record.",
    // No `example`: explorers such as Scalar put a parameter's example into the request they prefill,
    // and a fixed moment is before the record of any database created after it (a 400).
  });
