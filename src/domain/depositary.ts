/**
 * The Secretariat as depositary: it "acts as the depositary of documents adopted within the SCO
 * framework, and certifies copies of such documents and forwards them to the member states as well
 * as to the SCO RATS as applicable" (the Secretariat's own description). For each agreement the
 * registry keeps a log of those acts; these are its rules and the per-member answer to "has every
 * member state received a certified copy?".
 */
import { isSigned, type Lifecycle } from "./agreements";
import { notBefore, type PartialDate } from "./dates";

export const DEPOSITARY_ACTIONS = ["original_received", "certified_copy_made", "copy_forwarded"] as const;
export type DepositaryAction = (typeof DEPOSITARY_ACTIONS)[number];

/** A certified copy goes to a member state, or to the SCO Regional Anti-Terrorist Structure. */
export const RECIPIENT_KINDS = ["member_state", "rats"] as const;
export type Recipient = { kind: "member_state"; state: string } | { kind: "rats" };

export interface DepositaryFact {
  action: DepositaryAction;
  date: Pick<PartialDate, "value" | "windowStart" | "windowEnd">;
  /** only for copy_forwarded */
  recipient: Recipient | null;
}

export interface DepositaryAgreement {
  lifecycle: Lifecycle;
  signed: Pick<PartialDate, "value" | "precision" | "windowStart"> | null;
  /**
   * Whether the registry kept the agreement's log from its conclusion (it was concluded through the
   * registry: `consentsRecorded`). Otherwise the log holds only archive entries, and a state with no
   * entry is "not recorded", never "missing".
   */
  logKept: boolean;
}

/**
 * The day whose member states receive certified copies: the date of conclusion, once concluded and
 * only when known to the day, since membership can change within a month or a year (as consentBasis).
 */
export const depositaryBasis = (a: DepositaryAgreement): string | null =>
  isSigned(a.lifecycle) && a.signed?.precision === "day" ? a.signed.value : null;

/** The step a certified copy is made from (the original) and a forward sends (a certified copy). */
export const PRIOR_STEP: Record<DepositaryAction, DepositaryAction | null> = {
  original_received: null,
  certified_copy_made: "original_received",
  copy_forwarded: "certified_copy_made",
};

export type DepositaryProblemCode =
  | "not-concluded"
  | "conclusion-date-imprecise"
  | "before-conclusion"
  | "not-a-member"
  | "already-recorded"
  | "prior-step-missing"
  | "before-prior-step";

export interface DepositaryProblem {
  code: DepositaryProblemCode;
  detail: string;
}

const sameRecipient = (a: Recipient | null, b: Recipient | null) =>
  a !== null &&
  b !== null &&
  a.kind === b.kind &&
  (a.kind === "rats" || (b.kind === "member_state" && a.state === b.state));

const recipientName = (r: Recipient) => (r.kind === "rats" ? "the SCO RATS" : r.state);

/**
 * Why `next` may not be added to the agreement's log (empty when it may):
 * - every act follows the conclusion: the agreement is signed (concluded, in force or ended), its
 *   date of conclusion known to the day, and the act not dated before it (compared by windows);
 * - a copy goes only to a state that was a member on the date of conclusion, or to the SCO RATS;
 * - the original is received once, and each recipient's copy forwarded once (a second forward is a
 *   conflict naming the first, never a silent second record);
 * - where the registry kept the log from the conclusion, the acts are in order: a certified copy
 *   only from an original on record, a forward only of a certified copy on record, neither dated
 *   before that step. Archive entries for agreements concluded before the registry need no prior
 *   step: their log is known to be partial.
 * `membersOnBasis` are the member states on depositaryBasis(a).
 */
export function depositaryProblems(
  a: DepositaryAgreement,
  membersOnBasis: readonly string[],
  log: readonly DepositaryFact[],
  next: DepositaryFact,
): DepositaryProblem[] {
  if (!isSigned(a.lifecycle))
    return [
      {
        code: "not-concluded",
        detail: `the agreement is ${a.lifecycle}; the depositary acts only after its conclusion`,
      },
    ];
  const basis = depositaryBasis(a);
  if (basis === null || !a.signed) {
    return [
      {
        code: "conclusion-date-imprecise",
        detail: `the date of conclusion (${a.signed?.value ?? "unknown"}) is not known to the day, so the member states of that day are not known`,
      },
    ];
  }
  const problems: DepositaryProblem[] = [];
  if (!notBefore(next.date, a.signed))
    problems.push({
      code: "before-conclusion",
      detail: `${next.date.value} is before the date of conclusion (${a.signed.value})`,
    });
  const to = next.recipient;
  if (to?.kind === "member_state" && !membersOnBasis.includes(to.state)) {
    problems.push({
      code: "not-a-member",
      detail: `${to.state} was not a member state on the date of conclusion (${basis}); members then: ${[...membersOnBasis].sort().join(", ")}`,
    });
  }
  if (next.action === "original_received" && log.some((f) => f.action === "original_received")) {
    problems.push({ code: "already-recorded", detail: "the original is already recorded as received" });
  }
  const forwarded =
    next.action === "copy_forwarded"
      ? log.find((f) => f.action === "copy_forwarded" && sameRecipient(f.recipient, to))
      : undefined;
  if (forwarded && to)
    problems.push({
      code: "already-recorded",
      detail: `a certified copy was already forwarded to ${recipientName(to)} (${forwarded.date.value})`,
    });
  const prior = PRIOR_STEP[next.action];
  if (a.logKept && prior) {
    const priors = log.filter((f) => f.action === prior);
    if (priors.length === 0)
      problems.push({ code: "prior-step-missing", detail: `no ${prior.replaceAll("_", " ")} is on record yet` });
    else if (!priors.some((f) => notBefore(next.date, f.date)))
      problems.push({
        code: "before-prior-step",
        detail: `${next.date.value} is before the ${prior.replaceAll("_", " ")} on record`,
      });
  }
  return problems;
}

export type CopyStatus = "forwarded" | "missing" | "not_recorded";

export interface MemberCopy<F> {
  state: string;
  copy: CopyStatus;
  /** the forward of the state's certified copy, null when none is on record */
  forward: F | null;
}

export interface DepositaryReport<F> {
  basis: string | null;
  logKept: boolean;
  members: MemberCopy<F>[];
  forwarded: string[];
  missing: string[];
  notRecorded: string[];
  /** every member state on the date of conclusion was forwarded a certified copy; null when that cannot be said */
  complete: boolean | null;
  original: F | null;
  rats: F | null;
}

/**
 * Per member state on the date of conclusion: whether a certified copy was forwarded, and which
 * forward. A state without one is "missing" where the registry kept the log, else "not recorded";
 * `complete` is null when there is no date of conclusion known to the day, or when a state is not
 * recorded (absence of an archive entry proves nothing).
 */
export function depositaryReport<F extends DepositaryFact>(
  a: DepositaryAgreement,
  membersOnBasis: readonly string[],
  log: readonly F[],
): DepositaryReport<F> {
  const basis = depositaryBasis(a);
  const forwards = log.filter((f) => f.action === "copy_forwarded");
  const firstTo = (r: Recipient) => forwards.find((f) => sameRecipient(f.recipient, r)) ?? null;
  const members: MemberCopy<F>[] = (basis === null ? [] : [...membersOnBasis].sort()).map((state) => {
    const forward = firstTo({ kind: "member_state", state });
    return { state, copy: forward ? "forwarded" : a.logKept ? "missing" : "not_recorded", forward };
  });
  const having = (s: CopyStatus) => members.filter((m) => m.copy === s).map((m) => m.state);
  const [forwarded, missing, notRecorded] = [having("forwarded"), having("missing"), having("not_recorded")];
  const complete =
    basis === null || members.length === 0
      ? null
      : missing.length + notRecorded.length === 0
        ? true
        : notRecorded.length > 0
          ? null
          : false;
  return {
    basis,
    logKept: a.logKept,
    members,
    forwarded,
    missing,
    notRecorded,
    complete,
    original: log.find((f) => f.action === "original_received") ?? null,
    rats: firstTo({ kind: "rats" }),
  };
}
