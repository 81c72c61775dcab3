import { createRouter } from "../../lib/create-router";
import * as handlers from "./changes.handlers";
import * as routes from "./changes.routes";

export const changes = createRouter().openapi(routes.list, handlers.list);
