import { describe, expect, it } from "vitest";
import { validPartialDate } from "../../src/domain/dates";
import { checkEvent, checkLog } from "../../src/domain/event-log";
import type { StatusEventInput } from "../../src/domain/periods";
import { grantsStatus, PROCEDURE_STEPS, stepProblem } from "../../src/domain/procedure";
import { EVENT_KINDS } from "../../src/domain/statuses";

const ev = (id: number, status: StatusEventInput["status"], kind: StatusEventInput["kind"], date: string) => ({
  id,
  status,
  kind,
  date: validPartialDate(date),
});

describe("the procedure's steps", () => {
  it("lets only the granting steps change a status", () => {
    for (const kind of PROCEDURE_STEPS) expect(grantsStatus(kind)).toBe(false);
    const granting = EVENT_KINDS.filter((k) => grantsStatus(k));
    expect(granting).toEqual([
      "founding",
      "status_granted",
      "memorandum_signed",
      "accession",
      "conversion",
      "withdrawal",
      "suspension",
    ]);
  });

  it("refuses a status granted by a decision to launch the procedure", () => {
    expect(stepProblem("none", { kind: "procedure_launched", status: "dialogue_partner" })).toContain(
      "does not grant a status",
    );
    expect(stepProblem("observer", { kind: "accession_launched", status: "member" })).toContain(
      'keep the party\'s status "observer"',
    );
    expect(stepProblem("none", { kind: "procedure_launched", status: "none" })).toBeNull();
    expect(stepProblem("none", { kind: "memorandum_signed", status: "dialogue_partner" })).toBeNull();
  });

  it("records the decision before any status, and grants the status with the memorandum", () => {
    const log = [
      ev(1, "none", "application", "2021-03"),
      ev(2, "none", "procedure_launched", "2021-09-17"),
      ev(3, "dialogue_partner", "memorandum_signed", "2022-09-14"),
    ];
    expect(checkLog("state", log)).toEqual([]);
  });

  it("still refuses a first event that ends a status when it is not a procedure step", () => {
    expect(checkEvent("state", [], ev(1, "none", "withdrawal", "2020-01-01")).join("; ")).toContain(
      "first event cannot end a status",
    );
  });

  it("refuses the launch step that would grant a status, in the log as in a write", () => {
    const problems = checkLog("state", [ev(1, "dialogue_partner", "procedure_launched", "2021-09-17")]);
    expect(problems.join("\n")).toContain("does not grant a status");
  });
});
