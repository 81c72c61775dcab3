/**
 * Timed rounds with autocannon on loopback: fixed connections and duration, so every run is bounded.
 * Rounds alternate R1, R2, registry, R1, ... so that the machine's noise hits the three alike; the
 * median of the rounds is reported.
 */
import autocannon, { type RawRequest, type Result } from "autocannon";

export interface Target {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** a fresh request each time (writes need a new Idempotency-Key and an unused pair) */
  next?: () => { path?: string; headers?: Record<string, string>; body?: string };
}

export interface Stats {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  /** the first client-side errors seen (message → count), so a failed round says why */
  errorKinds: Record<string, number>;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function measure(target: Target, seconds: number, connections: number): Promise<Stats> {
  const setupRequest = target.next
    ? (req: RawRequest): RawRequest => {
        const n = target.next!();
        return { ...req, ...n, headers: { ...req.headers, ...n.headers } };
      }
    : undefined;
  const errorKinds: Record<string, number> = {};
  const result = await new Promise<Result>((resolve, reject) => {
    const options = {
      url: target.url,
      connections,
      duration: seconds,
      timeout: 10,
      method: target.method ?? "GET",
      headers: target.headers,
      body: target.body,
      requests: setupRequest ? [{ setupRequest }] : undefined,
    };
    const instance = autocannon(options, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on("reqError", (e) => {
      const key = String(e?.message ?? e).slice(0, 80);
      if (key in errorKinds || Object.keys(errorKinds).length < 3) errorKinds[key] = (errorKinds[key] ?? 0) + 1;
    });
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number(count);
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
    errorKinds,
  };
}

/** Merges rounds: medians of the rates and percentiles, sums of the counts. */
export function combine(rounds: Stats[]): Stats {
  const statuses: Record<string, number> = {};
  for (const r of rounds) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: rounds.reduce((a, r) => a + r.requests, 0),
    statuses,
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    errorKinds: Object.assign({}, ...rounds.map((r) => r.errorKinds)),
  };
}
