/**
 * The agreements' rules: which lifecycle transitions are legal, and which member states must
 * consent before the Secretariat concludes an agreement — exactly the states that are members on
 * the date of conclusion, as the status registry knows them.
 */

export const LIFECYCLE = ["draft", "awaiting_consent", "consented", "concluded", "in_force", "terminated", "expired"] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];

export const AGREEMENT_KINDS = ["memorandum_of_understanding", "joint_declaration", "agreement", "protocol", "other"] as const;

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

/** Consents are recorded while the member states are being asked. */
export const acceptsConsents = (l: Lifecycle) => l === "awaiting_consent" || l === "consented";

export interface ConsentRecord {
  state: string;
  decision: "consent" | "objection";
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
  return { required, consented, objecting, missing, complete: missing.length === 0 && objecting.length === 0 && required.length > 0 };
}

/** The lifecycle after a consent or objection is recorded while consents are being collected. */
export function lifecycleAfterConsent(current: Lifecycle, tally: ConsentTally): Lifecycle {
  if (!acceptsConsents(current)) return current;
  return tally.complete ? "consented" : "awaiting_consent";
}
