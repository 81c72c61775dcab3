/**
 * The procedure as the Charter and the regulations on observer and dialogue-partner status run it:
 * application, a Council decision to launch the procedure, a memorandum (for dialogue partners the
 * status takes effect with it), for members a memorandum of obligations, then accession. Only a
 * granting step changes a party's status; the steps before it are recorded at the status held.
 */
import type { EventKind, Status } from "./statuses";

/** Steps of a procedure that never change the status by themselves. */
export const PROCEDURE_STEPS = [
  "application",
  "procedure_launched",
  "accession_launched",
  "obligations_memorandum_signed",
] as const satisfies readonly EventKind[];

export const grantsStatus = (kind: EventKind) => !(PROCEDURE_STEPS as readonly EventKind[]).includes(kind);

export const STEP_DOES_NOT_GRANT = "step-does-not-grant-status";

/** The problem of a non-granting step that would change the status (null when it keeps it). */
export function stepProblem(current: Status, event: { kind: EventKind; status: Status }): string | null {
  if (grantsStatus(event.kind) || event.status === current) return null;
  return `a "${event.kind}" step does not grant a status: it must keep the party's status "${current}", not enter "${event.status}"`;
}
