/**
 * Recorded time ("as recorded on"), the second time axis of the registry. A fact's date is when it
 * happened (valid time); each version of it also has the time it was the registry's record, from
 * `recordedFrom` (inclusive) until `recordedUntil` (exclusive; null while it still is).
 *
 * - asRecordedOn=YYYY-MM-DD means the record at the END of that day (UTC): everything recorded on
 *   that day counts. A timestamp means that instant. Both are compared as ISO 8601 UTC with
 *   milliseconds, the form every recorded time is stored in.
 * - A version is the record at T when recordedFrom <= T < recordedUntil.
 * - A retracted version is a record that the event is not in the record.
 */

export interface RecordedSpan {
  recordedFrom: string;
  recordedUntil: string | null;
}

export function isRecordedAt(v: RecordedSpan, at: string): boolean {
  return v.recordedFrom <= at && (v.recordedUntil === null || at < v.recordedUntil);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An instant with a zone (Z or an offset): a time without one would mean a different instant in each place.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant `asRecordedOn` names, as ISO 8601 UTC with ms, or why it names none (malformed or later than `now`). */
export function parseAsRecordedOn(value: string, now: Date): string | { error: string } {
  let instant: Date;
  if (DAY.test(value)) {
    instant = new Date(`${value}T23:59:59.999Z`);
    if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 10) !== value)
      return { error: `"${value}" is not a calendar day` };
    // The end of today has not come yet, but today's record so far is a fair answer for "today".
    if (value > now.toISOString().slice(0, 10)) return { error: `${value} is in the future: nothing is recorded yet` };
    return instant.toISOString();
  }
  if (!INSTANT.test(value))
    return { error: "use a day (YYYY-MM-DD) or an instant with its zone (e.g. 2026-12-01T08:00:00Z)" };
  instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return { error: `"${value}" is not a valid instant` };
  if (instant.getTime() > now.getTime()) return { error: `${value} is in the future: nothing is recorded yet` };
  return instant.toISOString();
}

/** The latest moment any of `spans` was recorded at, by `at`: what an answer as recorded at `at` rests on. */
export function latestRecorded(spans: readonly RecordedSpan[], at: string): string | null {
  let latest: string | null = null;
  for (const v of spans) {
    if (v.recordedFrom <= at && (latest === null || v.recordedFrom > latest)) latest = v.recordedFrom;
    if (v.recordedUntil !== null && v.recordedUntil <= at && v.recordedUntil > (latest ?? "")) latest = v.recordedUntil;
  }
  return latest;
}

/**
 * The recorded time of a fact's next version: now, but at least 1 ms after the version it closes,
 * so versions of one fact never overlap or share an instant even when clocks disagree. SQL keeps
 * the same rule inside the write's batch (nextRecordedAtSql, src/db/versions.ts).
 */
export function nextRecordedAt(previousFrom: string, now: Date): string {
  return new Date(Math.max(now.getTime(), Date.parse(previousFrom) + 1)).toISOString();
}
