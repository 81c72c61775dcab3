import { createRouter } from "../../lib/create-router";
import * as handlers from "./secretariat.handlers";
import * as routes from "./secretariat.routes";

export const secretariat = createRouter()
  .openapi(routes.leadership, handlers.leadership)
  .openapi(routes.secretariesGeneral, handlers.secretariesGeneral)
  .openapi(routes.appoint, handlers.appoint)
  .openapi(routes.endTerm, handlers.endTerm);
