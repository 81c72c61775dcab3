import { createRouter } from "../../lib/create-router";
import * as handlers from "./depositary.handlers";
import * as routes from "./depositary.routes";

export const depositary = createRouter()
  .openapi(routes.getDepositary, handlers.getDepositary)
  .openapi(routes.recordDepositaryAction, handlers.recordDepositaryAction);
