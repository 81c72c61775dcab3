/**
 * What is measured: each registry endpoint of the issue, with the request R2 answers for the same
 * state, and how a right answer looks. Endpoints that are still being built may answer 404; they
 * are reported as "n/a (404)" rather than failing the run.
 *
 * Reads are measured on the D1 path unless marked `cached`: they go to the Workers whose Cache API
 * is off (test/bench/lib/host.ts), so the edge cache cannot answer them. `cached` rows go to the
 * Workers as deployed, after one read has filled the cache. Writes are compared with R3.
 */
import type { Dataset } from "./dataset";
import type { Target } from "./measure";
import { EDITOR_TOKEN } from "./synthetic-agreements";

/** A day on which most synthetic states hold a status, and the real roster is already large. */
export const AT = "2020-06-01";

export interface Endpoint {
  name: string;
  /** builds the request against a base URL (the timed registry, or the query-counting twin) */
  target: (base: string) => Target;
  /** what a right answer is: 2xx, or 304 for the conditional GET */
  ok: (status: number) => boolean;
  /** measured on the real data alone (the roster), not on the synthetic registry */
  realData?: boolean;
  /** shown, but not held to the 100k ÷ 1k target */
  informative?: string;
  /** a route still being built: a 404 is reported, not failed */
  mayNotExist?: boolean;
  /** filled in before timing (the conditional GET needs the ETag the registry gave) */
  prepare?: (base: string) => Promise<void>;
  /** answered by the edge cache: timed on the Workers as deployed, not on the cache-less twins */
  cached?: boolean;
  /** a read the edge cache never answers (it sent a bookmark): its platform floor is R2 in a D1 session alone */
  sessionOnly?: boolean;
  /** the floor it is compared with: R2 (one indexed select) for reads, R3 (insert + audit) for writes */
  floor?: "r2" | "r3";
}

const is2xx = (s: number) => s >= 200 && s < 300;

/** `realUrl`: the Worker on the real data alone, whose roster sets the length of a comparable page. */
export function endpoints(data: Dataset, realUrl?: string): Endpoint[] {
  let realRosterSize = 200;
  const statusPath = `/v1/states/${data.code}/status?at=${AT}`;
  const etags = new Map<string, string>();
  let nextPair = 0;
  const writeRequest = () => {
    // Each write takes the next open (agreement, member state) pair and a fresh Idempotency-Key.
    const pair = data.writePool[nextPair++ % data.writePool.length]!;
    const body = {
      state: pair.state,
      decision: "consent",
      date: "2026-01-10",
      reference: `Bench note ${nextPair}`,
      source: "synthetic benchmark",
    };
    return {
      path: `/v1/agreements/${pair.agreement}/consents`,
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${EDITOR_TOKEN}`,
        "idempotency-key": `bench-${data.events}-${nextPair}`,
      },
      body: JSON.stringify(body),
    };
  };
  // A bookmark the registry handed out: that of one consent write, made before timing.
  const bookmarks = new Map<string, string>();
  const fill =
    (path: string, headers: Record<string, string> = {}) =>
    async (base: string) => {
      const res = await fetch(base + path, { headers });
      await res.arrayBuffer();
      const etag = res.headers.get("etag");
      if (etag) etags.set(base, etag);
    };
  return [
    { name: "GET /v1/states/{code}/status?at=", target: (base) => ({ url: base + statusPath }), ok: is2xx },
    {
      // The log rebuilt from the version tables (one index range) and derived again: slower than the
      // stored periods, bounded by the party's versions.
      name: "GET /v1/states/{code}/status?at=&asRecordedOn=",
      target: (base) => ({ url: `${base + statusPath}&asRecordedOn=${data.recordedAt}` }),
      ok: is2xx,
      informative: "asRecordedOn reads rebuild the party's log from status_event_versions",
    },
    {
      name: "GET /v1/states/{code}/status?at= (edge cache hit)",
      prepare: fill(statusPath),
      target: (base) => ({ url: base + statusPath }),
      ok: is2xx,
      cached: true,
    },
    {
      name: "conditional GET (If-None-Match → 304, from the edge cache)",
      prepare: fill(statusPath),
      target: (base) => ({ url: base + statusPath, headers: { "if-none-match": etags.get(base) ?? '"none"' } }),
      ok: (s) => s === 304,
      cached: true,
    },
    {
      name: "conditional GET (If-None-Match → 304, D1 read)",
      prepare: fill(statusPath),
      target: (base) => ({ url: base + statusPath, headers: { "if-none-match": etags.get(base) ?? '"none"' } }),
      ok: (s) => s === 304,
    },
    {
      name: "GET /v1/states/{code}/status?at= with X-D1-Bookmark (read your writes)",
      prepare: async (base) => {
        const w = writeRequest();
        const res = await fetch(new URL(w.path, base), { method: "POST", headers: w.headers, body: w.body });
        await res.arrayBuffer();
        const bookmark = res.headers.get("x-d1-bookmark");
        if (bookmark) bookmarks.set(base, bookmark);
      },
      target: (base) => ({ url: base + statusPath, headers: { "x-d1-bookmark": bookmarks.get(base) ?? "none" } }),
      ok: is2xx,
      cached: true,
      sessionOnly: true,
    },
    {
      name: "GET /v1/states?status=member&at= (first page)",
      target: (base) => ({ url: `${base}/v1/states?status=member&at=${AT}` }),
      ok: is2xx,
    },
    {
      name: "GET /v1/roster?at= (real data)",
      target: (base) => ({ url: `${base}/v1/roster?at=${AT}` }),
      ok: is2xx,
      realData: true,
    },
    {
      name: "GET /v1/roster?at= (with the synthetic parties)",
      target: (base) => ({ url: `${base}/v1/roster?at=${AT}` }),
      ok: is2xx,
      informative: "the parties grow with the dataset; its own target: ≤ 1.2× the cost of the real-data roster",
    },
    {
      // The roster's first page is up to 200 entries: with the synthetic parties it is full, while the
      // real roster on AT has a few dozen, so the row above compares answers of different lengths. This
      // one asks for as many entries as the real roster has, so what differs is only the registry's size.
      name: "GET /v1/roster?at=&limit= (with the synthetic parties, a page as long as the real roster)",
      prepare: async () => {
        if (!realUrl) return;
        const res = await fetch(`${realUrl}/v1/roster?at=${AT}`);
        realRosterSize = ((await res.json()) as { total: number }).total;
      },
      target: (base) => ({ url: `${base}/v1/roster?at=${AT}&limit=${realRosterSize}` }),
      ok: is2xx,
      informative: "the parties grow with the dataset; its own target: ≤ 1.2× the cost of the real-data roster",
    },
    {
      name: "GET /v1/states/{code}/history",
      target: (base) => ({ url: `${base}/v1/states/${data.code}/history` }),
      ok: is2xx,
    },
    {
      name: "GET /v1/agreements?counterparty= (first page)",
      target: (base) => ({ url: `${base}/v1/agreements?counterparty=asean&limit=50` }),
      ok: is2xx,
    },
    {
      name: "POST /v1/agreements/{id}/consents (editor)",
      target: (base) => ({ url: base, method: "POST", next: writeRequest }),
      ok: is2xx,
      cached: true,
      floor: "r3",
    },
  ];
}

/** The reference Workers' requests: R1 answers anything, R2 reads the same state the registry does. */
export const runtimeLimit = (base: string): Target => ({ url: `${base}/` });
export const storageFloor = (base: string, data: Dataset): Target => ({ url: `${base}/party/${data.code}` });
/**
 * The platform floor of a read: R2's select in a D1 session behind the edge cache's two lookups
 * (test/bench/workers/storage-floor.ts). `base` is R2's Worker for a cached row (filled first, so
 * it hits), the cache-less R2 twin for a D1-path row (every lookup misses).
 */
export const platformReadFloor = (base: string, data: Dataset): Target => storageFloor(`${base}/platform`, data);
/** The platform floor of a write: R3's batch in a D1 session, with the edge cache's purge. */
export const platformWriteFloor = (base: string, data: Dataset): Target => writeFloor(base, data, "/platform");
/** R3 writes the same body the registry's write benchmark sends, to its own table. */
export const writeFloor = (base: string, data: Dataset, prefix = ""): Target => {
  let n = 0;
  return {
    url: base,
    method: "POST",
    next: () => {
      const pair = data.writePool[n++ % data.writePool.length]!;
      return {
        path: `${prefix}/agreements/${pair.agreement}/consents`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state: pair.state, decision: "consent", date: "2026-01-10", source: "R3" }),
      };
    },
  };
};

/** One request, outside timing: its status, and the D1 statements it made when `base` is the counter. */
export async function probe(
  target: Target,
): Promise<{ status: number; queries: number | null; batched: number | null; body: string }> {
  const n = target.next?.();
  const url = n?.path ? new URL(n.path, target.url).toString() : target.url;
  const res = await fetch(url, {
    method: target.method ?? "GET",
    headers: { ...target.headers, ...n?.headers },
    body: n?.body ?? target.body,
  });
  const body = await res.text();
  const num = (name: string) => {
    const v = res.headers.get(name);
    return v === null ? null : Number(v);
  };
  return { status: res.status, queries: num("x-d1-queries"), batched: num("x-d1-batched"), body: body.slice(0, 300) };
}
