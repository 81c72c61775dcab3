/**
 * The agreements' rules: which lifecycle transitions are legal, and which member states must
 * consent before the Secretariat concludes an agreement — exactly the states that are members on
 * the date of conclusion, as the status registry knows them.
 */

import { notBefore, type PartialDate } from "./dates";

export const LIFECYCLE = [
  "draft",
  "awaiting_consent",
  "consented",
  "concluded",
  "in_force",
  "terminated",
  "expired",
] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];

export const AGREEMENT_KINDS = [
  "memorandum_of_understanding",
  "joint_declaration",
  "agreement",
  "protocol",
  "other",
] as const;

const TRANSITIONS: Record<Lifecycle, readonly Lifecycle[]> = {
  draft: ["awaiting_consent"],
  awaiting_consent: ["draft", "consented", "concluded"],
  consented: ["awaiting_consent", "concluded"],
  concluded: ["in_force", "terminated", "expired"],
  in_force: ["terminated", "expired"],
  terminated: [],
  expired: [],
};

export const allowedTransitions = (from: Lifecycle): readonly Lifecycle[] => TRANSITIONS[from];
export const canTransition = (from: Lifecycle, to: Lifecycle) => TRANSITIONS[from].includes(to);

/** The lifecycles in which the member states are being asked: consents are recorded only then. */
export const COLLECTING_CONSENTS = ["awaiting_consent", "consented"] as const satisfies readonly Lifecycle[];
export const acceptsConsents = (l: Lifecycle) => (COLLECTING_CONSENTS as readonly Lifecycle[]).includes(l);

/** The lifecycles of a signed agreement: each needs a signed date and, if recorded, complete consents. */
export const SIGNED = ["concluded", "in_force", "terminated", "expired"] as const satisfies readonly Lifecycle[];
export const isSigned = (l: Lifecycle) => (SIGNED as readonly Lifecycle[]).includes(l);

export interface ConsentRecord {
  state: string;
  decision: "consent" | "objection";
}

export interface DatedConsent extends ConsentRecord {
  /** the day the state gave it, "YYYY-MM-DD" */
  date: string;
}

export interface ConsentTally {
  required: string[];
  consented: string[];
  objecting: string[];
  missing: string[];
  /** every required state consented and none objects */
  complete: boolean;
}

/** Tallies the consents against the members on the date that counts. */
export function tallyConsents(requiredStates: readonly string[], consents: readonly ConsentRecord[]): ConsentTally {
  const required = [...requiredStates].sort();
  const byState = new Map(consents.map((c) => [c.state, c.decision]));
  const consented = required.filter((s) => byState.get(s) === "consent");
  const objecting = required.filter((s) => byState.get(s) === "objection");
  const missing = required.filter((s) => !byState.has(s));
  return {
    required,
    consented,
    objecting,
    missing,
    complete: missing.length === 0 && objecting.length === 0 && required.length > 0,
  };
}

/** The counterparties are settled by the signature: they change only before it. */
export const counterpartiesEditable = (l: Lifecycle) => !isSigned(l);

export interface ConsentReport extends Omit<ConsentTally, "complete"> {
  consentsRecorded: boolean;
  /** null when the consents are not recorded: not recorded is not the same as missing */
  complete: boolean | null;
}

/**
 * What the registry can say about an agreement's consents. For an agreement concluded before the
 * registry existed they were given but not recorded: nothing is reported missing.
 */
export function consentReport(
  requiredStates: readonly string[],
  consents: readonly ConsentRecord[],
  recorded: boolean,
): ConsentReport {
  if (!recorded)
    return {
      required: [...requiredStates].sort(),
      consented: [],
      objecting: [],
      missing: [],
      consentsRecorded: false,
      complete: null,
    };
  return { ...tallyConsents(requiredStates, consents), consentsRecorded: true };
}

/** The lifecycle after a consent or objection is recorded while consents are being collected. */
export function lifecycleAfterConsent(current: Lifecycle, tally: ConsentTally): Lifecycle {
  if (!acceptsConsents(current)) return current;
  return tally.complete ? "consented" : "awaiting_consent";
}

/** What an agreement's consent basis depends on: its signed and proposed dates. */
export interface BasisDates {
  signed: PartialDate | null;
  proposed: PartialDate | null;
}

export type ConsentBasis = { date: string; of: "signed" | "proposed" | "today" };

/**
 * The day whose member states must consent: the date of conclusion (the signed date) once signed,
 * before that the proposed date of conclusion, and else today — each only when known to the day,
 * since membership can change within a month or a year.
 */
export function consentBasis(a: BasisDates, today: string): ConsentBasis {
  if (a.signed?.precision === "day") return { date: a.signed.value, of: "signed" };
  if (a.proposed?.precision === "day") return { date: a.proposed.value, of: "proposed" };
  return { date: today, of: "today" };
}

export interface ConclusionCheck extends ConsentTally {
  /** required states whose consent is dated after the date of conclusion */
  consentedAfter: string[];
  /** the agreement may be concluded on that date */
  allowed: boolean;
}

/**
 * Whether an agreement may be concluded on `day`: every state that is a member on that day has
 * consented, none objects, and no consent is dated after the conclusion.
 */
export function checkConclusion(
  membersOnDay: readonly string[],
  consents: readonly DatedConsent[],
  day: string,
): ConclusionCheck {
  const tally = tallyConsents(membersOnDay, consents);
  const consentedAfter = consents
    .filter((c) => c.date > day && tally.required.includes(c.state))
    .map((c) => c.state)
    .sort();
  return { ...tally, consentedAfter, allowed: tally.complete && consentedAfter.length === 0 };
}

/** An agreement's dates of record. */
export interface AgreementDates {
  signed: PartialDate | null;
  inForce: PartialDate | null;
  ended: PartialDate | null;
}

/**
 * The dates' order: signed ≤ entry into force ≤ end (termination or expiry), each allowed to be
 * equal and compared by windows, so a date known to the year never contradicts a day inside it.
 * Returns what is out of order (empty when consistent).
 */
export function datesOutOfOrder(d: AgreementDates): string[] {
  const problems: string[] = [];
  if (d.inForce && d.signed && !notBefore(d.inForce, d.signed))
    problems.push(`entry into force (${d.inForce.value}) is before the signature (${d.signed.value})`);
  const start = d.inForce ?? d.signed;
  if (d.ended && start && !notBefore(d.ended, start))
    problems.push(
      `the end (${d.ended.value}) is before ${d.inForce ? "the entry into force" : "the signature"} (${start.value})`,
    );
  return problems;
}

/** What an agreement's invariants depend on. */
export interface AgreementState extends AgreementDates {
  lifecycle: Lifecycle;
  consentsRecorded: boolean;
}

/**
 * Every invariant of an agreement (empty when it holds): a signed agreement has its date of
 * signature and, when its consents are recorded, checkConclusion holds on that date; the dates
 * are in order; an agreement in force has its date of entry into force, an ended one its end.
 * `membersOnSigned` are the member states on the date of signature.
 */
export function agreementProblems(
  a: AgreementState,
  membersOnSigned: readonly string[],
  consents: readonly DatedConsent[],
): string[] {
  const problems: string[] = [];
  if (isSigned(a.lifecycle)) {
    if (!a.signed) problems.push(`a ${a.lifecycle} agreement needs its date of signature`);
    else if (a.consentsRecorded && !checkConclusion(membersOnSigned, consents, a.signed.value).allowed) {
      problems.push(`the consents are not complete on the date of signature (${a.signed.value})`);
    }
  }
  problems.push(...datesOutOfOrder(a));
  if (a.lifecycle === "in_force" && !a.inForce)
    problems.push("an agreement in force needs its date of entry into force");
  if ((a.lifecycle === "terminated" || a.lifecycle === "expired") && !a.ended)
    problems.push(`a ${a.lifecycle} agreement needs its end date`);
  return problems;
}
