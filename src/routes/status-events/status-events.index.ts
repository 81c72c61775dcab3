import { createRouter } from "../../lib/create-router";
import * as handlers from "./status-events.handlers";
import * as routes from "./status-events.routes";

export const statusEvents = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.correct, handlers.correct)
  .openapi(routes.retract, handlers.retract);
