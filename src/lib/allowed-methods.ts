import { METHOD_NAME_ALL } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";
import type { RouterRoute } from "hono/types";

/**
 * The methods a path answers, read from the app's own registered routes (`app.routes`), so a new
 * route is known here the moment it is mounted: no hand-kept list. Middleware (`app.use`, method
 * ALL) does not make a path known, nor does a wildcard route such as the CORS preflight on /v1/*,
 * but both are counted in `Allow` once a concrete route matches (OPTIONS on /v1 paths).
 *
 * Returns undefined for a path no route serves (a 404), else the methods for an `Allow` header;
 * HEAD wherever GET is, since Hono answers HEAD with the GET handler.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] | undefined {
  // Built on first use: routes are still being mounted when this is called.
  let router: TrieRouter<RouterRoute> | undefined;
  return (path) => {
    if (!router) {
      router = new TrieRouter<RouterRoute>();
      for (const route of routes) if (route.method !== METHOD_NAME_ALL) router.add(METHOD_NAME_ALL, route.path, route);
    }
    const matched = router.match("GET", path)[0].map(([route]) => route);
    if (!matched.some((route) => !route.path.includes("*"))) return undefined;
    const methods = new Set<string>();
    for (const { method } of matched) {
      methods.add(method);
      if (method === "GET") methods.add("HEAD");
    }
    return [...methods].sort((a, b) => rank(a) - rank(b));
  };
}

// Only the order of the Allow header: the usual one, reads first, OPTIONS last.
const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const rank = (method: string) => (ORDER.includes(method) ? ORDER.indexOf(method) : ORDER.length);
