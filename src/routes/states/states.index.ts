import { createRouter } from "../../lib/create-router";
import * as handlers from "./states.handlers";
import * as routes from "./states.routes";

export const states = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.getStatus, handlers.getStatus)
  .openapi(routes.getHistory, handlers.getHistory)
  .openapi(routes.getAttendances, handlers.getAttendances);
