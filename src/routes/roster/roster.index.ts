import { createRouter } from "../../lib/create-router";
import * as handlers from "./roster.handlers";
import * as routes from "./roster.routes";

export const roster = createRouter().openapi(routes.get, handlers.get);
