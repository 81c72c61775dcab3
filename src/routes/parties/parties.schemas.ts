import { z } from "@hono/zod-openapi";
import { PARTY_ID_SCHEMES } from "../../db/parties";
import { LangQuery } from "../../lib/params";
import { IdentifiersSchema } from "../../lib/party-schemas";
import { MAX, partyId, str } from "../../lib/wire";

export const ByIdParams = z.object({
  scheme: z.enum(PARTY_ID_SCHEMES).openapi({
    param: { name: "scheme", in: "path" },
    description: "Which identifier `value` is",
    example: "wikidata",
  }),
  value: z
    .string()
    .regex(/^([Qq][1-9]\d{0,11}|[A-Za-z]{2,3}|\d{1,3})$/, "a Wikidata item (Q794), an ISO 3166-1 code or an M49 code")
    .openapi({
      param: { name: "value", in: "path" },
      maxLength: 13,
      description: "The identifier, any case; M49 codes with or without leading zeros",
      example: "Q794",
    }),
});

export const ByIdQuery = z.object({ lang: LangQuery });

export const PartyRefSchema = z
  .object({
    kind: z.enum(["state", "organisation"]).openapi({ example: "state" }),
    id: partyId().openapi({ description: "The registry's id: a state's alpha-3 code, an organisation's slug" }),
    name: str(MAX.name).openapi({ example: "Iran" }),
    href: str(100).openapi({ description: "Where the party is answered in full", example: "/v1/states/IRN" }),
    identifiers: IdentifiersSchema,
  })
  .openapi("PartyRef");
