import { createRouter } from "../../lib/create-router";
import * as handlers from "./status-events.handlers";
import * as writes from "./status-events.writes";
import * as routes from "./status-events.routes";

export const statusEvents = createRouter().openapi(routes.list, handlers.list).openapi(routes.create, writes.create);
