import { createRouter } from "../../lib/create-router";
import * as handlers from "./agreements.handlers";
import * as routes from "./agreements.routes";

export const agreements = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.listForOrganisation, handlers.listForOrganisation)
  .openapi(routes.getOne, handlers.getOne)
  .openapi(routes.correct, handlers.correct)
  .openapi(routes.create, handlers.create)
  .openapi(routes.update, handlers.update)
  .openapi(routes.conclude, handlers.conclude)
  .openapi(routes.enterIntoForce, handlers.enterIntoForce)
  .openapi(routes.terminate, handlers.terminate);
