/**
 * The Worker's Cron Trigger (wrangler.toml `[triggers]`, hourly): deletes the idempotency records
 * past their window (src/lib/idempotency-window.ts). The cut-off is computed from the time the run
 * was scheduled for, not the clock, so a late or retried run deletes exactly what was due.
 */
import { createDb } from "./db/client";
import { deleteExpiredIdempotencyRecords } from "./db/writes";
import { idempotencyCutoff } from "./lib/idempotency-window";

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const result = await deleteExpiredIdempotencyRecords(createDb(env.DB), idempotencyCutoff(controller.scheduledTime));
  console.log(
    JSON.stringify({ job: "expire-idempotency-records", cron: controller.cron, deleted: result.meta.changes }),
  );
};
