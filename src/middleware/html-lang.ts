import { createMiddleware } from "hono/factory";

/** A page that opens with a bare `<html>` (after an optional doctype). */
const BARE_HTML = /^(<!doctype html>\s*)?<html>/i;

/**
 * Sets `lang` on the `<html>` of an HTML page that the handler after it rendered without one:
 * Scalar's template (the /docs explorer) leaves it out, and without it axe reports html-has-lang and
 * screen readers have to guess the language. A page that already has attributes on `<html>` is left
 * alone; if a Scalar update changes its template so that the tag is not found, the browser test
 * (test/e2e/a11y.e2e.test.ts) fails.
 */
export const htmlLang = (lang: string) =>
  createMiddleware(async (c, next) => {
    await next();
    if (!c.res.headers.get("content-type")?.startsWith("text/html")) return;
    const page = await c.res.text();
    c.res = new Response(page.replace(BARE_HTML, `$1<html lang="${lang}">`), c.res);
  });
