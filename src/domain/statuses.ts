/**
 * The vocabulary of the registry: which statuses a party can hold and which kinds of event move it.
 * `partner` is the single "SCO partner" status created at the Tianjin summit (2025-09-01), into
 * which observers and dialogue partners were converted.
 */

export const STATUSES = [
  "member",
  "observer",
  "dialogue_partner",
  "partner",
  "partner_organisation",
  "guest",
  "none",
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * Statuses a state may hold; organisations hold `partner_organisation` or `guest`. `guest` stays in
 * the vocabulary for a lasting guest status a source may one day show; the data holds none (guest
 * attendance at a meeting is an attendance record, src/data/attendances.json).
 */
export const STATE_STATUSES = ["member", "observer", "dialogue_partner", "partner", "guest", "none"] as const;
export const ORGANISATION_STATUSES = ["partner_organisation", "guest", "none"] as const;

/**
 * The steps of the procedure (src/domain/procedure.ts) and the acts that change a status. Guest
 * attendance at a meeting is not an event of the status log: it is an attendance record.
 */
export const EVENT_KINDS = [
  "founding",
  "application",
  "procedure_launched",
  "status_granted",
  "memorandum_signed",
  "accession_launched",
  "obligations_memorandum_signed",
  "accession",
  "conversion",
  "withdrawal",
  "suspension",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const PARTY_KINDS = ["state", "organisation"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The date the SCO was founded; `founding` events can only carry this date. */
export const FOUNDING_DATE = "2001-06-15";

/** The Tianjin decision that merged observers and dialogue partners into "SCO partners". */
export const CONVERSION_DATE = "2025-09-01";

export function statusesFor(kind: PartyKind): readonly Status[] {
  return kind === "state" ? STATE_STATUSES : ORGANISATION_STATUSES;
}
