import { z } from "@hono/zod-openapi";
import { POSTS } from "../../domain/secretariat";
import { SourceSchema, SourcesInput } from "../../lib/evidence-schemas";
import { AtQuery, LangQuery } from "../../lib/params";
import { PartialDateSchema } from "../../lib/party-schemas";
import { day, int32, MAX, MAX_LIST, stateCode, str } from "../../lib/wire";
import { PartialDateInput, text } from "../agreements/agreements.schemas";

export const PostSchema = z.enum(POSTS).openapi("SecretariatPost", {
  description: "secretary_general or deputy_secretary_general",
  example: "secretary_general",
});

const slug = (example: string) =>
  z
    .string()
    .max(80)
    .regex(/^[a-z][a-z0-9-]{2,79}$/)
    .openapi({ example });

const NullableNames = z
  .object({
    en: str(MAX.name).openapi({ example: "Vladimir Norov" }),
    ru: str(MAX.name).nullable().openapi({ example: "Владимир Норов" }),
    zh: str(MAX.name).nullable().openapi({ example: "弗拉基米尔·诺罗夫" }),
  })
  .openapi("PersonNames", {
    description: "A name is null where no source gives it in that language; it is never transliterated here",
  });

const CorrectionSchema = z
  .object({
    field: str(20).openapi({ example: "start" }),
    stated: str(200).openapi({ example: "January 1, 219" }),
    in: str(300).openapi({ example: "seed 001_a981aff875439784.txt (news.tj)" }),
    corrected: str(20).openapi({ example: "2019-01-01" }),
    because: str(1000).openapi({ example: "SCO Secretariat page: 'SCO Secretary-General since 1 January 2019'" }),
  })
  .openapi("SourceCorrection", {
    description: "A typo in a source, and the value the registry holds instead with the source that supports it",
  });

export const TermSchema = z
  .object({
    id: slug("sg-2019-vladimir-norov"),
    post: PostSchema,
    title: str(100)
      .nullable()
      .openapi({ description: "The title held where it differs from the post's", example: null }),
    person: z.object({
      id: slug("vladimir-norov"),
      name: str(MAX.name)
        .nullable()
        .openapi({ description: "In the asked language; null where no source gives it", example: "Vladimir Norov" }),
      names: NullableNames,
    }),
    state: z
      .object({ code: stateCode(), name: str(MAX.name).openapi({ example: "Uzbekistan" }) })
      .openapi({ description: "The nationality: a member state on the term's start" }),
    start: PartialDateSchema,
    end: z
      .union([PartialDateSchema, z.null()])
      .openapi({ description: "The last day in office; null while the term is open or its end is not recorded" }),
    nominatedBy: str(200).nullable().openapi({ example: "Council of Ministers of Foreign Affairs" }),
    nominationDate: str(10).nullable().openapi({ example: null }),
    approvedBy: str(200).nullable().openapi({ example: "Council of Heads of State" }),
    approval: z.union([PartialDateSchema, z.null()]),
    approvalPlace: str(200).nullable().openapi({ example: "Qingdao" }),
    exception: str(1000).nullable().openapi({ description: "A sourced exception to the term rule", example: null }),
    note: str(1000).nullable().openapi({ example: null }),
    corrections: z.array(CorrectionSchema).max(10),
    sources: z.array(SourceSchema).min(1).max(20),
    version: int32(1).openapi({ example: 1 }),
  })
  .openapi("SecretariatTerm");

export const RotationSchema = z
  .object({
    expected: stateCode().nullable().openapi({
      description:
        "The next member state after the previous Secretary-General's in Russian alphabetical order of the members on the appointment day; null for the first appointment",
      example: "UZB",
    }),
    actual: stateCode().openapi({ example: "UZB" }),
    followed: z.boolean().nullable().openapi({ example: true }),
    order: z.array(stateCode()).max(MAX_LIST).openapi({
      description: "The member states on the appointment day, in Russian alphabetical order of their Russian names",
    }),
    note: str(500).openapi({
      example: "UZB follows TJK in the Russian alphabetical order of the 8 member states on 2018-06-30.",
    }),
  })
  .openapi("RotationCheck", {
    description: "Practice compared with a naive reading of the rotation rule; a departure is reported, not judged",
  });

export const SecretaryGeneralTermSchema = TermSchema.extend({ rotation: RotationSchema }).openapi(
  "SecretaryGeneralTerm",
);

const uncertain = z.boolean().openapi({
  description:
    "The day falls inside the window of a year- or month-precision start or end: the term may or may not hold then",
  example: false,
});

export const LeadershipSchema = z
  .object({
    at: day(),
    secretaryGeneral: z
      .array(SecretaryGeneralTermSchema.extend({ uncertain }))
      .max(MAX_LIST)
      .openapi({ description: "Usually one; more only inside the window of an imprecise date, each marked uncertain" }),
    deputySecretariesGeneral: z.array(TermSchema.extend({ uncertain })).max(MAX_LIST),
  })
  .openapi("Leadership");

export const SecretariesGeneralSchema = z
  .object({
    rule: z.object({ text: str(1000), sources: z.array(SourceSchema).max(20) }),
    items: z.array(SecretaryGeneralTermSchema).max(MAX_LIST),
    sequence: z
      .array(stateCode())
      .max(MAX_LIST)
      .openapi({ description: "The states actually recorded, in order", example: ["CHN", "KAZ", "KGZ"] }),
    departures: int32().openapi({
      description: "How many appointments differ from the naive reading of the rotation",
      example: 4,
    }),
  })
  .openapi("SecretariesGeneral");

export const LeadershipQuery = z.object({ at: AtQuery, lang: LangQuery });
export const LangOnly = z.object({ lang: LangQuery });

export const TermIdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]{2,79}$/)
    .openapi({ param: { name: "id", in: "path" }, maxLength: 80, example: "sg-2025-nurlan-yermekbayev" }),
});

export const AppointBody = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{2,79}$/)
      .openapi({ maxLength: 80, example: "sg-2028-example" }),
    post: PostSchema,
    title: text(100).optional(),
    person: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,79}$/)
      .openapi({ maxLength: 80, description: "A slug naming the person", example: "example-person" }),
    name: z.strictObject({
      en: text(200),
      // The pattern is documented by hand: the generator writes a flagged regex as "\p{…}/u", which
      // no name matches (JSON Schema patterns are Unicode-aware, so \p{…} needs no flag there).
      ru: text(200)
        .regex(/\p{Script=Cyrillic}/u)
        .openapi({ pattern: "\\p{Script=Cyrillic}" })
        .optional(),
      zh: text(200)
        .regex(/\p{Script=Han}/u)
        .openapi({ pattern: "\\p{Script=Han}" })
        .optional(),
    }),
    state: z
      .string()
      .regex(/^[A-Za-z]{2,3}$/)
      .openapi({ maxLength: 3, description: "The nationality: alpha-3 or alpha-2", example: "KGZ" }),
    start: PartialDateInput,
    end: PartialDateInput.optional(),
    nominatedBy: text(200).optional(),
    nomination: PartialDateInput.optional(),
    approvedBy: text(200).optional(),
    approval: PartialDateInput.optional(),
    approvalPlace: text(200).optional(),
    note: text(1000).optional(),
    sources: SourcesInput,
  })
  .openapi("AppointTerm");

export const EndTermBody = z
  .strictObject({
    end: PartialDateInput,
    sources: SourcesInput.optional().openapi({ description: "Added to the term's sources" }),
  })
  .openapi("EndTerm");
