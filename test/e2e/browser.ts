/** Debian's Chromium driven by playwright-core, plus where screenshots go. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";

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
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: ARGS });
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
