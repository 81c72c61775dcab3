import { createRouter } from "../../lib/create-router";
import * as handlers from "./consents.handlers";
import * as routes from "./consents.routes";

export const consents = createRouter()
  .openapi(routes.getConsents, handlers.getConsents)
  .openapi(routes.recordConsent, handlers.recordConsent)
  .openapi(routes.withdrawConsent, handlers.withdrawConsent);
