import { createRouter } from "../../lib/create-router";
import * as handlers from "./organisations.handlers";
import * as routes from "./organisations.routes";

export const organisations = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.getHistory, handlers.getHistory)
  .openapi(routes.getAttendances, handlers.getAttendances);
