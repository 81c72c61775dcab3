/**
 * What makes a status event consistent with a party's log. Used when the real history is loaded
 * and when the department records a new event, so both refuse the same contradictions.
 */
import type { StatusEventInput } from "./periods";
import { compareEvents } from "./periods";
import { grantsStatus, stepProblem } from "./procedure";

const isProcedureStepKind = (kind: StatusEventInput["kind"]) => !grantsStatus(kind);

import { FOUNDING_DATE, type PartyKind, statusesFor } from "./statuses";

/** Which statuses each kind of event may lead to (`null`: any status valid for the party). */
const KIND_RULES: Record<StatusEventInput["kind"], readonly string[] | null> = {
  founding: ["member"],
  application: null,
  procedure_launched: null,
  status_granted: null,
  memorandum_signed: null,
  accession_launched: null,
  obligations_memorandum_signed: null,
  accession: ["member"],
  conversion: ["partner"],
  withdrawal: ["none"],
  suspension: ["none"],
};

/** The event already in `log` that `event` repeats (same status, kind and date as stated), if any. */
export function findIdenticalEvent<E extends StatusEventInput>(
  log: readonly E[],
  event: StatusEventInput,
): E | undefined {
  return log.find((e) => e.status === event.status && e.kind === event.kind && e.date.value === event.date.value);
}

/** The date rule of a log: an event may not start before the party's previous event starts. */
export const isBeforeEvent = (event: StatusEventInput, previous: StatusEventInput) =>
  event.date.windowStart < previous.date.windowStart;

/** Returns the contradictions an event would bring into `log` (empty when it fits). */
export function checkEvent(partyKind: PartyKind, log: readonly StatusEventInput[], event: StatusEventInput): string[] {
  const problems: string[] = [];
  if (!statusesFor(partyKind).includes(event.status)) {
    problems.push(
      `status "${event.status}" cannot be held by ${partyKind === "state" ? "a state" : "an organisation"}; allowed: ${statusesFor(partyKind).join(", ")}`,
    );
  }
  const allowed = KIND_RULES[event.kind];
  if (allowed && !allowed.includes(event.status)) {
    problems.push(`a "${event.kind}" event must enter ${allowed.join(" or ")}, not "${event.status}"`);
  }
  const ordered = [...log].sort(compareEvents);
  const last = ordered.at(-1);
  if (event.kind === "founding") {
    if (partyKind !== "state") problems.push("only states can be founding members");
    if (event.date.value !== FOUNDING_DATE)
      problems.push(`the SCO was founded on ${FOUNDING_DATE}, not ${event.date.value}`);
    if (log.some((e) => e.kind === "founding")) problems.push("the party already has a founding event");
    if (log.length > 0) problems.push("a founding event must be the party's first event");
  }
  const repeated = findIdenticalEvent(log, event);
  if (repeated) problems.push(`the same event is already recorded (event ${repeated.id})`);
  if (last && isBeforeEvent(event, last)) {
    problems.push(`the event's date ${event.date.value} is before the party's previous event (${last.date.value})`);
  }
  const current = last?.status ?? "none";
  if (event.kind === "conversion" && current !== "observer" && current !== "dialogue_partner") {
    problems.push(`only observers and dialogue partners are converted, the party is "${current}"`);
  }
  if ((event.kind === "withdrawal" || event.kind === "suspension") && current === "none") {
    problems.push("the party holds no status to withdraw or suspend");
  }
  const step = stepProblem(current, event);
  if (step) problems.push(step);
  if (!last && event.status === "none" && !step && !isProcedureStepKind(event.kind))
    problems.push("a party's first event cannot end a status");
  return problems;
}

/** Checks a whole log in order, as the real history is loaded. */
export function checkLog(partyKind: PartyKind, events: readonly StatusEventInput[]): string[] {
  const problems: string[] = [];
  const sorted = [...events].sort(compareEvents);
  sorted.forEach((event, i) => {
    for (const p of checkEvent(partyKind, sorted.slice(0, i), event)) problems.push(`event ${event.id}: ${p}`);
  });
  return problems;
}
