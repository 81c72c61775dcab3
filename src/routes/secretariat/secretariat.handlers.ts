/** The Secretariat's posts: public reads (who held what, the rotation) and the department's writes. */
import { listTerms, memberPeriods } from "../../db/secretariat";
import { taggedJson } from "../../lib/etag";
import { holdersOn, rotationOf, toWireTerm } from "../../lib/secretariat";
import type { AppRouteHandler } from "../../types";
import type * as R from "./secretariat.routes";

export { appoint, endTerm } from "./secretariat.service";

/** The rule as the Secretariat publishes it (seed 000). */
const RULE = {
  text: "Nominated by the Council of Ministers of Foreign Affairs and approved by the Heads of State Council, the Secretary-General is appointed from among citizens of the SCO member states on a rotating basis in Russian alphabetical order for a single three-year term with no possibility of extension.",
  sources: [
    {
      title: "SCO Secretariat, General information about the SCO Secretariat",
      url: "http://eng.sectsco.org/secretariat/",
      publisher: "SCO Secretariat",
      kind: "official_site" as const,
      language: "en",
    },
  ],
};

/** Two queries: every term with its state's names, and every member-status period (for membership and the rotation). */
async function load(db: Parameters<typeof listTerms>[0]) {
  const [rows, periods] = await Promise.all([listTerms(db), memberPeriods(db)]);
  return {
    rows,
    rotation: rotationOf(
      rows.map((r) => r.term),
      periods,
    ),
  };
}

export const leadership: AppRouteHandler<R.LeadershipRoute> = async (c) => {
  const { at } = c.req.valid("query");
  const lang = c.var.language;
  const { rows, rotation } = await load(c.var.db);
  const secretaryGeneral = holdersOn(rows, "secretary_general", at).map(({ row, uncertain }) => ({
    ...toWireTerm(row, lang),
    rotation: rotation.get(row.term.id)!,
    uncertain,
  }));
  const deputySecretariesGeneral = holdersOn(rows, "deputy_secretary_general", at).map(({ row, uncertain }) => ({
    ...toWireTerm(row, lang),
    uncertain,
  }));
  return taggedJson(c, { at, secretaryGeneral, deputySecretariesGeneral });
};

export const secretariesGeneral: AppRouteHandler<R.SecretariesGeneralRoute> = async (c) => {
  const lang = c.var.language;
  const { rows, rotation } = await load(c.var.db);
  const items = rows
    .filter((r) => r.term.post === "secretary_general")
    .map((r) => ({ ...toWireTerm(r, lang), rotation: rotation.get(r.term.id)! }));
  return taggedJson(c, {
    rule: RULE,
    items,
    sequence: items.map((t) => t.state.code),
    departures: items.filter((t) => t.rotation.followed === false).length,
  });
};
