/** What the state and organisation handlers share: loading a party or answering 404, now or as recorded then. */

import type { Db } from "../db/client";
import { findParty, getPartyWithEvents } from "../db/parties";
import type { PeriodsOnFilter } from "../db/party-lists";
import { versionsOfParty } from "../db/versions";
import { today } from "../domain/dates";
import { isReportedOn } from "../domain/periods";
import type { PartyKind } from "../domain/statuses";
import { allPeriodsAt, correctionsOf, partyLogAt } from "./as-recorded";
import { historyOf } from "./party-mappers";
import { ApiError } from "./problem";

/**
 * The party's history and its status on `day`: from the current record, or, with `asRecordedOn`,
 * from its log as recorded then (src/lib/as-recorded.ts), by the same rule. With `withCorrections`,
 * also the corrections of its events (recorded by `asRecordedOn`, if given).
 */
export async function loadPartyHistory(
  db: Db,
  kind: PartyKind,
  key: string,
  day: string = today(),
  asRecordedOn?: string,
  withCorrections = false,
) {
  if (asRecordedOn) {
    // Only the party: its log comes from the versions recorded by then, not from today's events.
    const party = await loadParty(db, kind, key);
    const { events, record, versions } = await partyLogAt(db, party.id, asRecordedOn);
    const corrections = withCorrections ? correctionsOf(versions, party.kind, asRecordedOn) : [];
    return { party, ...historyOf(party, events, day), corrections, record };
  }
  const found = await getPartyWithEvents(db, kind, key);
  if (!found) throw partyNotFound(kind, key);
  const { party } = found;
  const corrections =
    withCorrections && found.corrected ? correctionsOf(await versionsOfParty(db, party.id), party.kind) : [];
  return { party, ...historyOf(party, found.events, day), corrections, record: undefined };
}

/** The party a key names, without its log; a 404 problem when there is none. */
export async function loadParty(db: Db, kind: PartyKind, key: string) {
  const party = await findParty(db, kind, key);
  if (!party) throw partyNotFound(kind, key);
  return party;
}

export function partyNotFound(kind: PartyKind, key: string) {
  const what = kind === "state" ? `state with code "${key}"` : `organisation with id "${key}"`;
  return new ApiError(404, { code: "not-found", detail: `No ${what} in the registry` });
}

/**
 * listPeriodsOn (src/db/party-lists.ts) over the record as it stood at `at`: the same filter, order and
 * page (limit + 1 rows), and `all`, every period reported on the day, for the roster's counts.
 */
export async function periodsOnAsRecorded(db: Db, at: string, f: PeriodsOnFilter) {
  const { rows: every, record } = await allPeriodsAt(db, at);
  const all = every.filter(
    (r) =>
      (!f.kind || r.party.kind === f.kind) &&
      (!f.status || r.period.status === f.status) &&
      (!f.wikidata || r.party.wikidata === f.wikidata) &&
      isReportedOn(r.period, f.day),
  );
  const key = (r: (typeof all)[number]) => (f.orderByStatus ? [r.period.status, r.party.id] : [r.party.id]);
  const cmp = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? "") < (b[i] ?? "") ? -1 : 1;
    return 0;
  };
  const after =
    f.after && (f.orderByStatus && f.after.status !== undefined ? [f.after.status, f.after.id] : [f.after.id]);
  const sorted = all.sort((a, b) => cmp(key(a), key(b)));
  const rows = (after ? sorted.filter((r) => cmp(key(r), after) > 0) : sorted).slice(0, f.limit + 1);
  return { rows, all, record };
}
