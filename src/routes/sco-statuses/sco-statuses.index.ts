import { createRouter } from "../../lib/create-router";
import * as handlers from "./sco-statuses.handlers";
import * as routes from "./sco-statuses.routes";

export const scoStatuses = createRouter().openapi(routes.list, handlers.list);
