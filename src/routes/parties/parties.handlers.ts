import { findPartyByIdentifier } from "../../db/parties";
import { taggedJson } from "../../lib/etag";
import { identifiersOf, nameOf } from "../../lib/party-mappers";
import { ApiError } from "../../lib/problem";
import type { AppRouteHandler } from "../../types";
import type { ByIdRoute } from "./parties.routes";

export const byId: AppRouteHandler<ByIdRoute> = async (c) => {
  const { scheme, value } = c.req.valid("param");
  const party = await findPartyByIdentifier(c.var.db, scheme, value);
  if (!party)
    throw new ApiError(404, { code: "not-found", detail: `No party has the ${scheme} identifier "${value}"` });
  const kind = party.kind as "state" | "organisation";
  const href = kind === "state" ? `/v1/states/${party.id}` : `/v1/organisations/${party.id}`;
  c.header("Content-Location", href);
  return taggedJson(c, {
    kind,
    id: party.id,
    name: nameOf(party, c.var.language),
    href,
    identifiers: identifiersOf(party),
  });
};
