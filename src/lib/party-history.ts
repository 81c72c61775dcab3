/** What the state and organisation handlers share: loading a party or answering 404. */

import type { Db } from "../db/client";
import { getPartyWithEvents } from "../db/parties";
import { today } from "../domain/dates";
import type { PartyKind } from "../domain/statuses";
import { historyOf } from "./party-mappers";
import { ApiError } from "./problem";

export async function loadPartyHistory(db: Db, kind: PartyKind, key: string, day: string = today()) {
  const found = await getPartyWithEvents(db, kind, key);
  if (!found) throw partyNotFound(kind, key);
  return { party: found.party, ...historyOf(found.party, found.events, day) };
}

export function partyNotFound(kind: PartyKind, key: string) {
  const what = kind === "state" ? `state with code "${key}"` : `organisation with id "${key}"`;
  return new ApiError(404, { code: "not-found", detail: `No ${what} in the registry` });
}
