import { createRouter } from "../../lib/create-router";
import { db } from "../../middleware/db";
import * as handlers from "./timeline.handlers";
import * as routes from "./timeline.routes";

const router = createRouter();
// app.ts builds `db` only for /v1/*; the page needs it on its own two paths (never "*", which
// would reach every route once this router is mounted at "/").
router.use("/", db).use("/timeline", db);

export const timeline = router.openapi(routes.home, handlers.page).openapi(routes.timeline, handlers.page);
