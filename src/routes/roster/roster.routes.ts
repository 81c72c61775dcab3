import { publicRead } from "../operations";
import { RosterQuery, RosterSchema } from "./roster.schemas";

export const get = publicRead({
  path: "/v1/roster",
  operationId: "getRoster",
  summary: "Everyone's status on a day, grouped by status, with counts",
  description:
    "Every state and organisation holding a status on the day `at` (default: today), grouped by status; `counts` cover all pages.",
  tags: ["Roster"],
  request: { query: RosterQuery },
  ok: RosterSchema,
  okDescription: "The roster",
});

export type GetRoute = typeof get;
