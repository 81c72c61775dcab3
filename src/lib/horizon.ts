import { isBeyondHorizon, type PartialDate } from "../domain/dates";
import { ApiError } from "./problem";

/**
 * A 422 for a fact dated beyond the registry's horizon (isBeyondHorizon, src/domain/dates.ts): more
 * than a year ahead of `now` is a typo or a plan, not a fact. One problem for every write that dates.
 */
export function refuseBeyondHorizon(date: PartialDate, now: string, path = "date") {
  if (!isBeyondHorizon(date, now)) return;
  throw new ApiError(422, {
    code: "date-beyond-horizon",
    detail: `${date.value} is more than a year ahead of today (${now}); record facts, not plans`,
    extra: { errors: [{ path, message: "more than a year ahead", code: "custom" }] },
  });
}
