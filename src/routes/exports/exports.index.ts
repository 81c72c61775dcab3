import { createRouter } from "../../lib/create-router";
import * as handlers from "./exports.handlers";
import * as routes from "./exports.routes";

export const exportsRouter = createRouter()
  .openapi(routes.periods, handlers.periods)
  .openapi(routes.events, handlers.events)
  .openapi(routes.agreements, handlers.agreements)
  .openapi(routes.consents, handlers.consents)
  .openapi(routes.popolo, handlers.popolo);
