import { describe, expect, it } from "vitest";
import { type PartialDate, parsePartialDate } from "../../src/domain/dates";
import { checkEvent, checkLog, findIdenticalEvent, isBeforeEvent } from "../../src/domain/event-log";
import type { StatusEventInput } from "../../src/domain/periods";
import type { EventKind, Status } from "../../src/domain/statuses";

const d = (v: string) => parsePartialDate(v) as PartialDate;
let nextId = 1;
const ev = (date: string, status: Status, kind: EventKind = "status_granted", id = nextId++): StatusEventInput => ({
  id,
  status,
  kind,
  date: d(date),
});

describe("findIdenticalEvent", () => {
  it("finds an identical event by status, kind and date as stated, and checkEvent names it", () => {
    const log = [ev("2005-07", "observer", "status_granted", 7)];
    expect(findIdenticalEvent(log, ev("2005-07", "observer"))?.id).toBe(7);
    expect(checkEvent("state", log, ev("2005-07", "observer"))).toContain(
      "the same event is already recorded (event 7)",
    );
  });

  it("tells apart a date stated with another precision, another kind and another status", () => {
    const log = [ev("2005-07", "observer", "status_granted", 7)];
    expect(findIdenticalEvent(log, ev("2005-07-05", "observer"))).toBeUndefined();
    expect(findIdenticalEvent(log, ev("2005", "observer"))).toBeUndefined();
    expect(findIdenticalEvent(log, ev("2005-07", "observer", "memorandum_signed"))).toBeUndefined();
    expect(findIdenticalEvent(log, ev("2005-07", "dialogue_partner"))).toBeUndefined();
  });
});

describe("isBeforeEvent", () => {
  it("compares the windows' starts: the same day, or a day inside a year-precision event, is not before it", () => {
    expect(isBeforeEvent(ev("2017-06-09", "member"), ev("2017-06-09", "observer"))).toBe(false);
    expect(isBeforeEvent(ev("2017-06-08", "member"), ev("2017-06-09", "observer"))).toBe(true);
    expect(isBeforeEvent(ev("2017-01-01", "member"), ev("2017", "observer"))).toBe(false);
    expect(isBeforeEvent(ev("2017-03-15", "member"), ev("2017", "observer"))).toBe(false);
    expect(isBeforeEvent(ev("2016-12-31", "member"), ev("2017", "observer"))).toBe(true);
    // A year-precision event after a day in that year starts before it.
    expect(isBeforeEvent(ev("2017", "member"), ev("2017-06-09", "observer"))).toBe(true);
  });
});

describe("checkEvent", () => {
  it("accepts an event that fits the log", () => {
    expect(checkEvent("state", [ev("2005-07-05", "observer")], ev("2017-06-09", "member", "accession"))).toEqual([]);
    expect(checkEvent("organisation", [], ev("2005-04-21", "partner_organisation", "memorandum_signed"))).toEqual([]);
  });

  it("refuses a status the party's kind cannot hold", () => {
    expect(checkEvent("organisation", [], ev("2026-09-01", "member", "status_granted"))).toEqual([
      'status "member" cannot be held by an organisation; allowed: partner_organisation, guest, none',
    ]);
    expect(checkEvent("state", [], ev("2026-09-01", "partner_organisation"))[0]).toContain("cannot be held by a state");
  });

  it("refuses a kind of event that cannot lead to the status", () => {
    expect(checkEvent("state", [ev("2004", "observer")], ev("2017", "observer", "accession"))).toEqual([
      'a "accession" event must enter member, not "observer"',
    ]);
    expect(checkEvent("state", [ev("2004", "observer")], ev("2026", "member", "withdrawal"))).toContain(
      'a "withdrawal" event must enter none, not "member"',
    );
  });

  it("accepts a founding member only on the founding date, as the first event, for a state", () => {
    expect(checkEvent("state", [], ev("2001-06-15", "member", "founding"))).toEqual([]);
    expect(checkEvent("state", [], ev("2001-06-14", "member", "founding"))).toEqual([
      "the SCO was founded on 2001-06-15, not 2001-06-14",
    ]);
    const founded = [ev("2001-06-15", "member", "founding")];
    expect(checkEvent("state", founded, ev("2001-06-15", "member", "founding"))).toEqual(
      expect.arrayContaining([
        "the party already has a founding event",
        "a founding event must be the party's first event",
      ]),
    );
    expect(checkEvent("organisation", [], ev("2001-06-15", "member", "founding"))).toContain(
      "only states can be founding members",
    );
  });

  it("refuses an event dated before the party's previous event, but not one on the same day", () => {
    const log = [ev("2005-07-05", "observer"), ev("2010", "observer", "memorandum_signed")];
    expect(checkEvent("state", log, ev("2009-12-31", "member", "accession"))).toEqual([
      "the event's date 2009-12-31 is before the party's previous event (2010)",
    ]);
    expect(checkEvent("state", log, ev("2010-01-01", "member", "accession"))).toEqual([]);
  });

  it("converts only observers and dialogue partners", () => {
    expect(checkEvent("state", [ev("2004", "observer")], ev("2025-09-01", "partner", "conversion"))).toEqual([]);
    expect(checkEvent("state", [ev("2009", "dialogue_partner")], ev("2025-09-01", "partner", "conversion"))).toEqual(
      [],
    );
    expect(
      checkEvent("state", [ev("2017-06-09", "member", "accession")], ev("2025-09-01", "partner", "conversion")),
    ).toEqual(['only observers and dialogue partners are converted, the party is "member"']);
    expect(checkEvent("state", [], ev("2025-09-01", "partner", "conversion"))).toEqual([
      'only observers and dialogue partners are converted, the party is "none"',
    ]);
  });

  it("ends only a status that is held, and never starts a log with none", () => {
    expect(checkEvent("state", [ev("2004", "observer")], ev("2026", "none", "withdrawal"))).toEqual([]);
    const ended = [ev("2004", "observer"), ev("2020", "none", "withdrawal")];
    expect(checkEvent("state", ended, ev("2026", "none", "suspension"))).toEqual([
      "the party holds no status to withdraw or suspend",
    ]);
    expect(checkEvent("state", [], ev("2026", "none", "status_granted"))).toEqual([
      "a party's first event cannot end a status",
    ]);
  });

  it("judges by the latest event of the log, whatever order the log is given in", () => {
    const log = [ev("2017-06-09", "member", "accession"), ev("2005-07-05", "observer")];
    expect(checkEvent("state", log, ev("2025-09-01", "partner", "conversion"))).toContain(
      'only observers and dialogue partners are converted, the party is "member"',
    );
  });
});

describe("checkLog", () => {
  it("accepts a consistent log and checks each event against the ones before it, naming the event", () => {
    expect(
      checkLog("state", [
        ev("2017-06-09", "member", "accession", 3),
        ev("2005-07-05", "observer", "status_granted", 2),
      ]),
    ).toEqual([]);
    expect(
      checkLog("state", [ev("2004", "observer", "status_granted", 1), ev("2004", "observer", "status_granted", 2)]),
    ).toEqual(["event 2: the same event is already recorded (event 1)"]);
    expect(checkLog("state", [ev("2026", "none", "withdrawal", 5)])).toEqual([
      "event 5: the party holds no status to withdraw or suspend",
      "event 5: a party's first event cannot end a status",
    ]);
  });
});
