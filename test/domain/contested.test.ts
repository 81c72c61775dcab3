import { describe, expect, it } from "vitest";
import { type ContestableEvent, contestedOn, contestedSpans } from "../../src/domain/contested";
import { validPartialDate } from "../../src/domain/dates";
import type { Source } from "../../src/domain/evidence";

const news: Source = { title: "Report", publisher: "Press", kind: "news" };
const ev = (
  id: number,
  status: ContestableEvent["status"],
  kind: ContestableEvent["kind"],
  date: string,
  alternatives?: ContestableEvent["alternatives"],
): ContestableEvent => ({ id, status, kind, date: validPartialDate(date), alternatives });

// Egypt: the Council launched the procedure in 2021; the memorandum of 2022 granted the status; some
// sources say the 2021 decision granted it.
const egypt = [
  ev(1, "none", "procedure_launched", "2021-09-17"),
  ev(2, "dialogue_partner", "memorandum_signed", "2022-09-14", [
    { date: validPartialDate("2021-09-17"), kind: "status_granted", sources: [news] },
  ]),
  ev(3, "partner", "conversion", "2025-09-01"),
];

describe("contested spans", () => {
  it("span the days between a fact and its other reading, with the status each reading gives", () => {
    const spans = contestedSpans(egypt);
    expect(spans).toEqual([
      {
        eventId: 2,
        from: "2021-09-17",
        to: "2022-09-14",
        status: "none",
        alternative: {
          status: "dialogue_partner",
          reading: {
            date: "2021-09-17",
            kind: "status_granted",
            status: "dialogue_partner",
            note: null,
            sources: [news],
          },
        },
      },
    ]);
  });

  it("hold the days inside the span only", () => {
    const spans = contestedSpans(egypt);
    expect(contestedOn(spans, "2021-09-16")).toBeNull();
    expect(contestedOn(spans, "2021-09-17")?.eventId).toBe(2);
    expect(contestedOn(spans, "2022-09-13")?.eventId).toBe(2);
    expect(contestedOn(spans, "2022-09-14")).toBeNull();
  });

  it("make no span where the other reading gives the same status", () => {
    const log = [ev(1, "observer", "status_granted", "2005-07-05", [{ kind: "memorandum_signed", sources: [news] }])];
    expect(contestedSpans(log)).toEqual([]);
  });

  it("run to the next event where the other reading differs in status only", () => {
    const log = [
      ev(1, "observer", "status_granted", "2012-06-07", [{ status: "dialogue_partner", sources: [news] }]),
      ev(2, "partner", "conversion", "2025-09-01"),
    ];
    expect(contestedSpans(log)).toMatchObject([
      { from: "2012-06-07", to: "2025-09-01", status: "observer", alternative: { status: "dialogue_partner" } },
    ]);
  });
});
