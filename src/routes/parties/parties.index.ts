import { createRouter } from "../../lib/create-router";
import * as handlers from "./parties.handlers";
import * as routes from "./parties.routes";

export const partyLookup = createRouter().openapi(routes.byId, handlers.byId);
