/** Query parameters shared by several resources. */
import { z } from "@hono/zod-openapi";
import { parseDay, today } from "../domain/dates";

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
