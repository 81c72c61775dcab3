import { publicRead } from "../operations";
import { ChangeFeedSchema, ChangesQuery } from "./changes.schemas";

export const list = publicRead({
  path: "/v1/changes",
  operationId: "listChanges",
  summary: "Every change to public data, in order, for incremental sync",
  description: "Start without `since`; store the returned `cursor` and pass it as `since` on the next sync.",
  tags: ["Changes"],
  request: { query: ChangesQuery },
  ok: ChangeFeedSchema,
  okDescription: "The changes after `since`",
});

export type ListRoute = typeof list;
