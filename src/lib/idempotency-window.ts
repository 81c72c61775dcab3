/**
 * How long an Idempotency-Key is remembered: 24 hours, as Stripe does. Within the window a retry
 * with the same key replays the first answer; past it the record is ignored (the request is
 * processed afresh) and the hourly Cron Trigger (src/scheduled.ts) deletes it.
 */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * The oldest `created_at` still inside the window at `now` (ms since the epoch), in the form the
 * table stores it (ISO 8601 UTC with milliseconds), so the two compare as strings.
 */
export const idempotencyCutoff = (now: number) => new Date(now - IDEMPOTENCY_TTL_HOURS * 3_600_000).toISOString();
