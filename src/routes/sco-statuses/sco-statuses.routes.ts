import { publicRead } from "../operations";
import { ScoStatusListSchema } from "./sco-statuses.schemas";

export const list = publicRead({
  path: "/v1/sco-statuses",
  operationId: "listScoStatuses",
  tags: ["Organisations"],
  summary: "The SCO's own status in other organisations",
  description:
    "E.g. observer in the UN General Assembly: counterparty, status, date, certainty and sources, oldest first.",
  request: {},
  ok: ScoStatusListSchema,
  okDescription: "The statuses, oldest first",
});

export type ListRoute = typeof list;
