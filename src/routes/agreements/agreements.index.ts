import { createRouter } from "../../lib/create-router";
import * as reads from "./agreements.handlers";
import * as lifecycle from "./agreements.lifecycle";
import * as routes from "./agreements.routes";
import * as writes from "./agreements.writes";

export const agreements = createRouter()
  .openapi(routes.list, reads.list)
  .openapi(routes.listForOrganisation, reads.listForOrganisation)
  .openapi(routes.getOne, reads.getOne)
  .openapi(routes.getConsents, reads.getConsents)
  .openapi(routes.create, writes.create)
  .openapi(routes.update, writes.update)
  .openapi(routes.recordConsent, lifecycle.recordConsent)
  .openapi(routes.withdrawConsent, lifecycle.withdrawConsent)
  .openapi(routes.conclude, lifecycle.conclude)
  .openapi(routes.enterIntoForce, lifecycle.enterIntoForce)
  .openapi(routes.terminate, lifecycle.terminate);
