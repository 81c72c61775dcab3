/** Debian's Chromium driven by playwright-core, plus where screenshots go. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/e2e");

// Playwright refuses --user-data-dir in `args` for launch(); it gives every launch a fresh
// temporary profile (/tmp/playwright_chromiumdev_profile-*) and deletes it on close instead.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
}

/** Saves test-results/e2e/<name>.png: the full page, or only `element` (e.g. a dialog) when given. */
export async function screenshot(page: Page, name: string, element?: Locator) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await (element ? element.screenshot({ path: file }) : page.screenshot({ path: file, fullPage: true }));
}

/** playwright-core has no `expect`: polls `probe` until it returns true or `timeoutMs` passes. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Whitespace-normalised text, as headings are compared. */
export const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

/** What a page did that the registry forbids: requests that left the Worker, and CSP violations. */
export interface PageWatch {
  outside: string[];
  violations: string[];
}

/**
 * Records every request `page` makes to anywhere but `origin` (data: URLs stay in the page), and
 * every Content-Security-Policy violation: the browser logs each refusal to the console, and the
 * page's `securitypolicyviolation` events are logged there too. Call before `page.goto`.
 */
export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const watch: PageWatch = { outside: [], violations: [] };
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.origin !== origin) watch.outside.push(request.url());
  });
  page.on("console", (message) => {
    if (/Content Security Policy|^csp-violation/.test(message.text())) watch.violations.push(message.text());
  });
  // A string, so this file needs no DOM typings.
  await page.addInitScript(
    `document.addEventListener("securitypolicyviolation", (e) => console.error("csp-violation " + e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber))`,
  );
  return watch;
}
