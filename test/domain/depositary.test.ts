/** The depositary rules and the per-member report (src/domain/depositary.ts), pure. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIFECYCLE, type Lifecycle } from "../../src/domain/agreements";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import {
  type DepositaryAction,
  type DepositaryAgreement,
  type DepositaryFact,
  depositaryBasis,
  depositaryProblems,
  depositaryReport,
  type Recipient,
} from "../../src/domain/depositary";

const d = (v: string) => parsePartialDate(v) as PartialDate;
const MEMBERS = ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"];
const kept: DepositaryAgreement = { lifecycle: "concluded", signed: d("2017-06-15"), logKept: true };
const fact = (action: DepositaryAction, date: string, recipient: Recipient | null = null): DepositaryFact => ({
  action,
  date: d(date),
  recipient,
});
const to = (state: string): Recipient => ({ kind: "member_state", state });
const codes = (a: DepositaryAgreement, log: DepositaryFact[], next: DepositaryFact, members = MEMBERS) =>
  depositaryProblems(a, members, log, next).map((p) => p.code);
const ready = [fact("original_received", "2017-06-16"), fact("certified_copy_made", "2017-06-20")];

describe("depositaryBasis", () => {
  it("is the date of conclusion once signed, only when known to the day", () => {
    expect(depositaryBasis(kept)).toBe("2017-06-15");
    for (const lifecycle of ["in_force", "terminated", "expired"] as const)
      expect(depositaryBasis({ ...kept, lifecycle })).toBe("2017-06-15");
    expect(depositaryBasis({ ...kept, signed: d("2017-06") })).toBeNull();
    expect(depositaryBasis({ ...kept, signed: d("2017") })).toBeNull();
    expect(depositaryBasis({ ...kept, lifecycle: "consented", signed: null })).toBeNull();
  });
});

describe("depositaryProblems", () => {
  it("allows the acts in order after the conclusion", () => {
    expect(codes(kept, [], fact("original_received", "2017-06-15"))).toEqual([]);
    expect(codes(kept, ready.slice(0, 1), fact("certified_copy_made", "2017-06-16"))).toEqual([]);
    expect(codes(kept, ready, fact("copy_forwarded", "2017-06", to("IND")))).toEqual([]);
    expect(codes(kept, ready, fact("copy_forwarded", "2017-07-01", { kind: "rats" }))).toEqual([]);
  });

  it("refuses every act before the conclusion, and with a date of conclusion not known to the day", () => {
    for (const lifecycle of ["draft", "awaiting_consent", "consented"] as const)
      expect(codes({ ...kept, lifecycle, signed: null }, [], fact("original_received", "2017-06-16"))).toEqual([
        "not-concluded",
      ]);
    expect(codes({ ...kept, signed: d("2017-06") }, [], fact("original_received", "2017-06-16"))).toEqual([
      "conclusion-date-imprecise",
    ]);
  });

  it("refuses a date certainly before the conclusion, by windows", () => {
    expect(codes(kept, [], fact("original_received", "2017-06-14"))).toEqual(["before-conclusion"]);
    expect(codes(kept, [], fact("original_received", "2017-05"))).toEqual(["before-conclusion"]);
    expect(codes(kept, [], fact("original_received", "2017"))).toEqual([]);
  });

  it("refuses a copy to a state that was not a member on the date of conclusion", () => {
    expect(codes(kept, ready, fact("copy_forwarded", "2017-07-01", to("IRN")))).toEqual(["not-a-member"]);
    expect(codes(kept, ready, fact("copy_forwarded", "2017-07-01", to("IND")), ["CHN", "RUS"])).toEqual([
      "not-a-member",
    ]);
  });

  it("records the original once and each recipient's copy once; certified copies may be made again", () => {
    expect(codes(kept, ready, fact("original_received", "2017-06-17"))).toEqual(["already-recorded"]);
    const forwarded = [
      ...ready,
      fact("copy_forwarded", "2017-06-21", to("KAZ")),
      fact("copy_forwarded", "2017-06-21", { kind: "rats" }),
    ];
    expect(codes(kept, forwarded, fact("copy_forwarded", "2017-08-01", to("KAZ")))).toEqual(["already-recorded"]);
    expect(codes(kept, forwarded, fact("copy_forwarded", "2017-08-01", { kind: "rats" }))).toEqual([
      "already-recorded",
    ]);
    expect(codes(kept, forwarded, fact("copy_forwarded", "2017-08-01", to("RUS")))).toEqual([]);
    expect(codes(kept, forwarded, fact("certified_copy_made", "2017-08-01"))).toEqual([]);
  });

  it("needs the prior step where the log is kept, not in archive entries", () => {
    expect(codes(kept, [], fact("certified_copy_made", "2017-06-16"))).toEqual(["prior-step-missing"]);
    expect(codes(kept, ready.slice(0, 1), fact("copy_forwarded", "2017-06-16", to("KAZ")))).toEqual([
      "prior-step-missing",
    ]);
    expect(codes(kept, ready, fact("copy_forwarded", "2017-06-19", to("KAZ")))).toEqual(["before-prior-step"]);
    expect(codes(kept, ready, fact("copy_forwarded", "2017-06", to("KAZ")))).toEqual([]);
    expect(codes({ ...kept, logKept: false }, [], fact("copy_forwarded", "2017-06-16", to("KAZ")))).toEqual([]);
  });
});

describe("depositaryReport", () => {
  const log = [
    ...ready,
    fact("copy_forwarded", "2017-06-21", to("KAZ")),
    fact("copy_forwarded", "2017-06-22", { kind: "rats" }),
    fact("copy_forwarded", "2017-06-22", to("MNG")),
  ];

  it("says per member state of the date of conclusion whether and when a copy was forwarded", () => {
    const r = depositaryReport(kept, MEMBERS, log);
    expect(r).toMatchObject({
      basis: "2017-06-15",
      logKept: true,
      complete: false,
      forwarded: ["KAZ"],
      missing: MEMBERS.filter((s) => s !== "KAZ"),
      notRecorded: [],
    });
    expect(r.members.find((m) => m.state === "KAZ")!.forward).toBe(log[2]);
    expect(r.original).toBe(log[0]);
    expect(r.rats).toBe(log[3]);
    // A forward to a non-member (not possible through the API) is in the log, not in the view.
    expect(r.members.map((m) => m.state)).toEqual(MEMBERS);
  });

  it("is complete when every member was forwarded a copy", () => {
    const all = [...ready, ...MEMBERS.map((s) => fact("copy_forwarded", "2017-06-21", to(s)))];
    expect(depositaryReport(kept, MEMBERS, all)).toMatchObject({ complete: true, missing: [], forwarded: MEMBERS });
  });

  it("never says missing for an agreement concluded before the registry", () => {
    const historical = { ...kept, logKept: false };
    expect(depositaryReport(historical, MEMBERS, [])).toMatchObject({
      complete: null,
      missing: [],
      notRecorded: MEMBERS,
      forwarded: [],
    });
    expect(depositaryReport(historical, MEMBERS, log)).toMatchObject({
      complete: null,
      missing: [],
      forwarded: ["KAZ"],
    });
    const all = MEMBERS.map((s) => fact("copy_forwarded", "2017-06-21", to(s)));
    expect(depositaryReport(historical, MEMBERS, all).complete).toBe(true);
  });

  it("has no members and no verdict without a date of conclusion known to the day", () => {
    expect(depositaryReport({ ...kept, signed: d("2017-06") }, MEMBERS, log)).toMatchObject({
      basis: null,
      members: [],
      complete: null,
    });
    expect(depositaryReport({ ...kept, lifecycle: "awaiting_consent", signed: null }, MEMBERS, [])).toMatchObject({
      basis: null,
      members: [],
      complete: null,
    });
  });

  it("property: the members are split exactly into forwarded, missing and not recorded, and complete means all forwarded", () => {
    const STATES = [...MEMBERS, "IRN", "BLR", "MNG"];
    const recipient = fc.oneof(fc.constantFrom(...STATES).map(to), fc.constant<Recipient>({ kind: "rats" }));
    const anyFact = fc
      .oneof(
        fc.record({
          action: fc.constantFrom<DepositaryAction>("original_received", "certified_copy_made"),
          date: fc.constantFrom("2017-06-16", "2017-07"),
          recipient: fc.constant(null),
        }),
        fc.record({
          action: fc.constant<DepositaryAction>("copy_forwarded"),
          date: fc.constantFrom("2017-06-16", "2017-07"),
          recipient,
        }),
      )
      .map((f) => ({ ...f, date: d(f.date) }));
    fc.assert(
      fc.property(
        fc.constantFrom<Lifecycle>(...LIFECYCLE),
        fc.constantFrom("2017-06-15", "2017-06", "2017"),
        fc.boolean(),
        fc.subarray(STATES),
        fc.array(anyFact, { maxLength: 15 }),
        (lifecycle, signed, logKept, members, log) => {
          const a = { lifecycle, signed: d(signed), logKept };
          const r = depositaryReport(a, members, log);
          const basis = depositaryBasis(a);
          expect(r.members.map((m) => m.state)).toEqual(basis ? [...members].sort() : []);
          expect([...r.forwarded, ...r.missing, ...r.notRecorded].sort()).toEqual(r.members.map((m) => m.state));
          expect(logKept ? r.notRecorded : r.missing).toEqual([]);
          for (const m of r.members)
            expect(m.copy === "forwarded").toBe(
              log.some(
                (f) =>
                  f.action === "copy_forwarded" &&
                  f.recipient?.kind === "member_state" &&
                  f.recipient.state === m.state,
              ),
            );
          expect(r.complete === true).toBe(r.members.length > 0 && r.forwarded.length === r.members.length);
          expect(r.complete === false).toBe(logKept && r.missing.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: an act the rules allow is reflected by the report (a forward to a member makes it forwarded)", () => {
    fc.assert(
      fc.property(fc.subarray(MEMBERS), fc.constantFrom(...MEMBERS), fc.boolean(), (already, state, logKept) => {
        const a = { ...kept, logKept };
        const log = [...ready, ...already.map((s) => fact("copy_forwarded", "2017-06-21", to(s)))];
        const next = fact("copy_forwarded", "2017-06-25", to(state));
        const problems = depositaryProblems(a, MEMBERS, log, next);
        expect(problems.length === 0).toBe(!already.includes(state));
        if (problems.length === 0) expect(depositaryReport(a, MEMBERS, [...log, next]).forwarded).toContain(state);
      }),
    );
  });
});
