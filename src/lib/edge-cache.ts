/**
 * The edge cache of public reads: the Workers Cache API (`caches.default`), which is local to each
 * Cloudflare location. It keeps a public read's 200 for the max-age every public read already
 * announces, so a repeated read, or a conditional GET answered 304, makes no D1 query.
 *
 * Purging by generation. A location's cache holds one small entry under a fixed key: the current
 * *generation*, a random token set by every write made in that location (and the write's D1
 * bookmark). Every read's key includes the generation it read, so a write makes every entry of its
 * location unreachable at once — whichever URLs, filters, pages or languages the write touched —
 * without having to know them. Entries of older generations expire unread within MAX_AGE.
 *
 * A read that misses after a write starts its D1 session at that write's bookmark, so what it
 * stores under the new generation includes the write even when a replica lags (src/lib/d1-session.ts).
 *
 * Other locations learn nothing of the write: their entries expire within MAX_AGE of being read
 * from D1, which is what `Cache-Control: public, max-age=60` already tells every shared cache. So
 * no answer is ever older than MAX_AGE seconds, anywhere; in the writer's location, none is stale.
 */

/** Seconds a public read may be kept: the max-age of the Cache-Control every public read sends. */
export const MAX_AGE = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=${MAX_AGE}, stale-while-revalidate=300`;

/** Keys live under a path no route serves, so the zone's CDN never answers a real URL with them. */
const PREFIX = "/__edge-cache";

export interface Generation {
  token: string;
  /** the D1 bookmark of the write that set it, when D1 gave one */
  bookmark: string | null;
}

const generationKey = (url: string) => new Request(new URL(`${PREFIX}/generation`, url));
// The generation travels in the entry's headers, with no body: every public read looks it up, and
// reading a body back from the cache cost the cache hit an eighth of its time (npm run bench:profile).
const TOKEN = "X-Edge-Generation";
const BOOKMARK = "X-Edge-Generation-Bookmark";

/** The location's current generation; undefined before the first write there (or after eviction). */
export async function currentGeneration(url: string): Promise<Generation | undefined> {
  const entry = await caches.default.match(generationKey(url));
  if (!entry) return undefined;
  const token = entry.headers.get(TOKEN);
  // An entry written before the headers held it (its body is the JSON of the generation).
  if (token === null) return (await entry.json()) as Generation;
  return { token, bookmark: entry.headers.get(BOOKMARK) };
}

/**
 * Makes every cached read of this location unreachable: called by commitWrite after its batch
 * succeeded, and awaited, so the writer's next read here already misses. A fresh random token, not
 * a counter: two concurrent writes that read the same counter would both set the same next value,
 * and a read made between them could have stored the first write's state under it.
 */
export async function purgeEdgeCache(url: string, bookmark: string | null): Promise<void> {
  // Kept far longer than any read: losing it early only sends reads back to the "none" entries,
  // which are older than the write but, like every entry, at most MAX_AGE old.
  const headers: Record<string, string> = { "Cache-Control": "public, max-age=86400", [TOKEN]: crypto.randomUUID() };
  const newest = newerBookmark(bookmark, (await currentGeneration(url))?.bookmark ?? null);
  if (newest) headers[BOOKMARK] = newest;
  await caches.default.put(generationKey(url), new Response(null, { headers }));
}

/**
 * The later of two D1 bookmarks: they sort lexicographically, oldest first (D1's glossary). The puts
 * of two writes may land in either order; were the older write's bookmark kept because its put came
 * last, the next reads here could start at a replica without the newer write. Taking the later one
 * leaves that only to two puts whose reads of the entry both came before both puts.
 */
export function newerBookmark(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return a > b ? a : b;
}

/**
 * The key of a public read: the path, its query parameters sorted (so `?a=1&b=2` and `?b=2&a=1`
 * share an entry) without a `lang` that names the negotiated language, the language the request
 * negotiated (from `lang` or Accept-Language: the Cache API does not vary by Accept-Language, so it
 * must be in the key), and the generation. A `lang` the registry does not speak stays in the key, so
 * the read reaches validation (a 400, never cached) instead of an entry cached in the fallback language.
 */
export function readKey(url: string, language: string, generation: Generation | undefined): Request {
  const u = new URL(url);
  const params = [...u.searchParams].filter(([name, value]) => !(name === "lang" && value === language));
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  const key = new URL(`${PREFIX}/${generation?.token ?? "none"}/${language}${u.pathname}`, u.origin);
  key.search = query;
  return new Request(key);
}
