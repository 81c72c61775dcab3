import { describe, expect, it } from "vitest";
import {
  type AgreementState,
  acceptsConsents,
  agreementProblems,
  allowedTransitions,
  canTransition,
  checkConclusion,
  consentBasis,
  consentReport,
  counterpartiesEditable,
  type DatedConsent,
  datesOutOfOrder,
  LIFECYCLE,
  type Lifecycle,
  lifecycleAfterConsent,
  tallyConsents,
} from "../../src/domain/agreements";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";

const d = (v: string) => parsePartialDate(v) as PartialDate;
const yes = (state: string, date = "2026-02-01"): DatedConsent => ({ state, decision: "consent", date });
const no = (state: string, date = "2026-02-01"): DatedConsent => ({ state, decision: "objection", date });
const MEMBERS = ["RUS", "CHN", "KAZ"];

describe("tallyConsents", () => {
  it("sorts the required states and splits them into consented, objecting and missing", () => {
    expect(tallyConsents(MEMBERS, [yes("KAZ"), no("CHN")])).toEqual({
      required: ["CHN", "KAZ", "RUS"],
      consented: ["KAZ"],
      objecting: ["CHN"],
      missing: ["RUS"],
      complete: false,
    });
  });

  it("is complete only when every required state consented and none objects", () => {
    expect(
      tallyConsents(
        MEMBERS,
        MEMBERS.map((s) => yes(s)),
      ).complete,
    ).toBe(true);
    expect(tallyConsents(MEMBERS, [yes("RUS"), yes("CHN"), no("KAZ")]).complete).toBe(false);
  });

  it("ignores decisions of states that are not required (a non-member's objection blocks nothing)", () => {
    const tally = tallyConsents(MEMBERS, [...MEMBERS.map((s) => yes(s)), no("TUR")]);
    expect(tally).toMatchObject({ objecting: [], complete: true });
  });

  it("is never complete without a required state", () => {
    expect(tallyConsents([], [yes("RUS")])).toMatchObject({ required: [], complete: false });
  });
});

describe("consentReport", () => {
  it("reports nothing missing when the consents were never recorded", () => {
    expect(consentReport(MEMBERS, [], false)).toEqual({
      required: ["CHN", "KAZ", "RUS"],
      consented: [],
      objecting: [],
      missing: [],
      consentsRecorded: false,
      complete: null,
    });
  });

  it("is the tally when they are recorded", () => {
    expect(consentReport(MEMBERS, [yes("RUS")], true)).toEqual({
      ...tallyConsents(MEMBERS, [yes("RUS")]),
      consentsRecorded: true,
    });
  });
});

describe("consentBasis", () => {
  const today = "2026-05-01";
  it("takes the signed day, then the proposed day, then today", () => {
    expect(consentBasis({ signed: d("2026-06-15"), proposed: d("2026-06-20") }, today)).toEqual({
      date: "2026-06-15",
      of: "signed",
    });
    expect(consentBasis({ signed: null, proposed: d("2026-06-20") }, today)).toEqual({
      date: "2026-06-20",
      of: "proposed",
    });
    expect(consentBasis({ signed: null, proposed: null }, today)).toEqual({ date: today, of: "today" });
  });

  it("uses a date only when it is known to the day: a month or a year may span a change of membership", () => {
    expect(consentBasis({ signed: d("2026-06"), proposed: d("2026-06-20") }, today)).toEqual({
      date: "2026-06-20",
      of: "proposed",
    });
    expect(consentBasis({ signed: d("2017"), proposed: d("2017-06") }, today)).toEqual({ date: today, of: "today" });
  });
});

describe("checkConclusion", () => {
  it("allows a conclusion on the day of the last consent (same day counts)", () => {
    const check = checkConclusion(MEMBERS, [yes("RUS"), yes("CHN"), yes("KAZ", "2026-06-15")], "2026-06-15");
    expect(check).toMatchObject({ allowed: true, consentedAfter: [] });
  });

  it("refuses one dated before a consent, naming the states that consented later", () => {
    const check = checkConclusion(
      MEMBERS,
      [yes("RUS", "2026-06-16"), yes("CHN"), yes("KAZ", "2026-07-01")],
      "2026-06-15",
    );
    expect(check).toMatchObject({ allowed: false, complete: true, consentedAfter: ["KAZ", "RUS"] });
  });

  it("does not count a later decision of a state that is not required", () => {
    expect(
      checkConclusion(MEMBERS, [...MEMBERS.map((s) => yes(s)), yes("TUR", "2027-01-01")], "2026-06-15"),
    ).toMatchObject({ allowed: true, consentedAfter: [] });
  });

  it("refuses while one is missing or objects", () => {
    expect(checkConclusion(MEMBERS, [yes("RUS"), yes("CHN")], "2026-06-15")).toMatchObject({
      allowed: false,
      missing: ["KAZ"],
    });
    expect(checkConclusion(MEMBERS, [yes("RUS"), yes("CHN"), no("KAZ")], "2026-06-15")).toMatchObject({
      allowed: false,
      objecting: ["KAZ"],
    });
  });
});

describe("transitions", () => {
  it("follows the lifecycle: back to draft only before consents are complete, nothing after an end", () => {
    expect(canTransition("draft", "awaiting_consent")).toBe(true);
    expect(canTransition("awaiting_consent", "draft")).toBe(true);
    expect(canTransition("consented", "draft")).toBe(false);
    expect(canTransition("draft", "concluded")).toBe(false);
    expect(canTransition("concluded", "awaiting_consent")).toBe(false);
    expect(canTransition("in_force", "terminated")).toBe(true);
    expect(allowedTransitions("terminated")).toEqual([]);
    expect(allowedTransitions("expired")).toEqual([]);
  });

  it("never allows staying put, and canTransition agrees with allowedTransitions", () => {
    for (const from of LIFECYCLE) {
      expect(canTransition(from, from)).toBe(false);
      for (const to of LIFECYCLE) expect(canTransition(from, to)).toBe(allowedTransitions(from).includes(to));
    }
  });
});

describe("counterpartiesEditable and lifecycleAfterConsent", () => {
  it("lets the counterparties change only before the signature", () => {
    const editable = LIFECYCLE.filter(counterpartiesEditable);
    expect(editable).toEqual(["draft", "awaiting_consent", "consented"]);
  });

  it("moves between awaiting_consent and consented as the tally completes, and nowhere else", () => {
    const complete = tallyConsents(
      MEMBERS,
      MEMBERS.map((s) => yes(s)),
    );
    const incomplete = tallyConsents(MEMBERS, [yes("RUS")]);
    expect(lifecycleAfterConsent("awaiting_consent", complete)).toBe("consented");
    expect(lifecycleAfterConsent("consented", incomplete)).toBe("awaiting_consent");
    expect(lifecycleAfterConsent("consented", complete)).toBe("consented");
    for (const l of ["draft", "concluded", "in_force", "terminated", "expired"] as Lifecycle[]) {
      expect(acceptsConsents(l)).toBe(false);
      expect(lifecycleAfterConsent(l, complete)).toBe(l);
    }
  });
});

describe("datesOutOfOrder", () => {
  const none = { signed: null, inForce: null, ended: null };
  it("allows equal dates and names each date that is certainly before the one it follows", () => {
    expect(datesOutOfOrder({ signed: d("2026-06-15"), inForce: d("2026-06-15"), ended: d("2026-06-15") })).toEqual([]);
    expect(datesOutOfOrder({ ...none, signed: d("2026-06-15"), inForce: d("2026-06-14") })).toEqual([
      "entry into force (2026-06-14) is before the signature (2026-06-15)",
    ]);
    expect(datesOutOfOrder({ signed: d("2026-06-15"), inForce: d("2026-07-01"), ended: d("2026-06-20") })).toEqual([
      "the end (2026-06-20) is before the entry into force (2026-07-01)",
    ]);
  });

  it("compares an end with the signature when there is no entry into force", () => {
    expect(datesOutOfOrder({ ...none, signed: d("2026-06-15"), ended: d("2026-06-14") })).toEqual([
      "the end (2026-06-14) is before the signature (2026-06-15)",
    ]);
  });

  it("compares by windows: a year or a month never contradicts a day inside it, only one wholly before", () => {
    expect(datesOutOfOrder({ ...none, signed: d("2026-06-15"), inForce: d("2026") })).toEqual([]);
    expect(datesOutOfOrder({ ...none, signed: d("2026-06-15"), inForce: d("2026-06") })).toEqual([]);
    expect(datesOutOfOrder({ ...none, signed: d("2026"), inForce: d("2026-01-01") })).toEqual([]);
    expect(datesOutOfOrder({ ...none, signed: d("2026-06-15"), inForce: d("2026-05") })).toHaveLength(1);
    expect(datesOutOfOrder({ ...none, signed: d("2026-01-01"), inForce: d("2025") })).toHaveLength(1);
  });
});

describe("agreementProblems", () => {
  const signedOn = (lifecycle: Lifecycle, over: Partial<AgreementState> = {}): AgreementState => ({
    lifecycle,
    consentsRecorded: true,
    signed: d("2026-06-15"),
    inForce: null,
    ended: null,
    ...over,
  });
  const all = MEMBERS.map((s) => yes(s));

  it("holds for a consistent concluded agreement and for a draft without dates", () => {
    expect(agreementProblems(signedOn("concluded"), MEMBERS, all)).toEqual([]);
    expect(
      agreementProblems(
        { lifecycle: "draft", consentsRecorded: true, signed: null, inForce: null, ended: null },
        MEMBERS,
        [],
      ),
    ).toEqual([]);
  });

  it("needs a signed date once signed, an entry into force when in force, an end when ended", () => {
    expect(agreementProblems(signedOn("concluded", { signed: null }), MEMBERS, all)).toEqual([
      "a concluded agreement needs its date of signature",
    ]);
    expect(agreementProblems(signedOn("in_force"), MEMBERS, all)).toEqual([
      "an agreement in force needs its date of entry into force",
    ]);
    expect(agreementProblems(signedOn("terminated"), MEMBERS, all)).toEqual([
      "a terminated agreement needs its end date",
    ]);
    expect(agreementProblems(signedOn("expired", { ended: d("2030") }), MEMBERS, all)).toEqual([]);
  });

  it("checks the recorded consents on the date of signature, and not the consents never recorded", () => {
    expect(agreementProblems(signedOn("concluded"), MEMBERS, all.slice(1))).toEqual([
      "the consents are not complete on the date of signature (2026-06-15)",
    ]);
    expect(
      agreementProblems(signedOn("concluded"), MEMBERS, [...all.slice(1), yes(all[0]!.state, "2026-06-16")]),
    ).toHaveLength(1);
    expect(agreementProblems(signedOn("concluded", { consentsRecorded: false }), MEMBERS, [])).toEqual([]);
  });

  it("includes the dates' order", () => {
    expect(agreementProblems(signedOn("in_force", { inForce: d("2026-06-01") }), MEMBERS, all)).toEqual([
      "entry into force (2026-06-01) is before the signature (2026-06-15)",
    ]);
  });
});
