import { listScoStatuses } from "../../db/evidence";
import { taggedJson } from "../../lib/etag";
import type { AppRouteHandler } from "../../types";
import type { ListRoute } from "./sco-statuses.routes";
import { toWireScoStatus } from "./sco-statuses.schemas";

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const rows = await listScoStatuses(c.var.db);
  return taggedJson(c, { items: rows.map(toWireScoStatus) });
};
