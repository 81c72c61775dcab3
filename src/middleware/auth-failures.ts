/**
 * Failed authentication, limited per client, and refused without a key lookup once limited.
 *
 * The Rate Limiting binding cannot be asked "is this client limited?" without counting a request,
 * so AUTH_FAILURE_LIMITER counts failures only: every 401 calls it once with the client's key. When
 * it refuses (the client failed `limit` times within its window), that 401 becomes a 429 and the
 * client is remembered in this isolate for one period. requireRole consults that memory before
 * anything else, so the client's further attempts get the 429 at once: no hashing, no D1 lookup, no
 * call to the binding. Successful requests are never counted.
 *
 * The memory is per isolate; the binding's counters are shared by the isolates of a Cloudflare
 * location. In an isolate that does not yet remember the client, its next failure costs one lookup,
 * the binding refuses it, and that isolate remembers too. While locked out a client is refused even
 * with a valid key: telling a valid key from a guess is exactly the lookup being saved.
 * At most MAX_LOCKED clients are remembered; past that the oldest lockout is forgotten first (it
 * costs one lookup again), so a flood of addresses cannot grow an isolate's memory without bound.
 */
import { RATE_LIMITS } from "../lib/rate-limits";
import { tooManyRequests } from "./rate-limit";

const MAX_LOCKED = 10_000;
/** Client → end of its lockout (ms since the epoch); insertion order is the lockouts' age. */
const lockedUntil = new Map<string, number>();

const lockedOut = (client: string, seconds: number) =>
  tooManyRequests(
    `Too many failed authentication attempts from ${client}: at most ${RATE_LIMITS.authFailure.limit} per ${RATE_LIMITS.authFailure.period} s; retry after ${seconds} s`,
    seconds,
  );

/** Throws the 429 when `client` is locked out in this isolate; called before any key lookup. */
export function refuseLockedOut(client: string): void {
  const until = lockedUntil.get(client);
  if (until === undefined) return;
  const left = until - Date.now();
  if (left <= 0) return void lockedUntil.delete(client);
  throw lockedOut(client, Math.ceil(left / 1000));
}

/** Counts one failed authentication of `client`; throws the 429 (and locks it out) past the limit. */
export async function countFailure(limiter: RateLimit, client: string): Promise<void> {
  const { success } = await limiter.limit({ key: client });
  if (success) return;
  const { period } = RATE_LIMITS.authFailure;
  lockedUntil.delete(client);
  if (lockedUntil.size >= MAX_LOCKED) lockedUntil.delete(lockedUntil.keys().next().value!);
  lockedUntil.set(client, Date.now() + period * 1000);
  throw lockedOut(client, period);
}
