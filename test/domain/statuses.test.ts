import { describe, expect, it } from "vitest";
import { ORGANISATION_STATUSES, STATE_STATUSES, STATUSES, statusesFor } from "../../src/domain/statuses";

describe("statusesFor", () => {
  it("gives states and organisations their own statuses, both able to hold none and guest", () => {
    expect(statusesFor("state")).toBe(STATE_STATUSES);
    expect(statusesFor("organisation")).toBe(ORGANISATION_STATUSES);
    expect(statusesFor("state")).not.toContain("partner_organisation");
    expect(statusesFor("organisation")).not.toContain("member");
    for (const kind of ["state", "organisation"] as const)
      expect(statusesFor(kind)).toEqual(expect.arrayContaining(["guest", "none"]));
  });

  it("covers every status with one kind of party or the other", () => {
    expect(new Set([...STATE_STATUSES, ...ORGANISATION_STATUSES])).toEqual(new Set(STATUSES));
  });
});
