import { publicRead } from "../operations";
import { ByIdParams, ByIdQuery, PartyRefSchema } from "./parties.schemas";

export const byId = publicRead({
  path: "/v1/parties/by-id/{scheme}/{value}",
  operationId: "getPartyByIdentifier",
  tags: ["States", "Organisations"],
  summary: "The party an outside identifier names",
  description:
    "Looks a state up by its Wikidata item, ISO 3166-1 alpha-2 or alpha-3 or UN M49 code, and an organisation by its Wikidata item; answers where the party is (`href`) and all its identifiers. 404 when no party has it.",
  request: { params: ByIdParams, query: ByIdQuery },
  ok: PartyRefSchema,
  okDescription: "The party and its identifiers",
});

export type ByIdRoute = typeof byId;
