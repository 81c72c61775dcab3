/**
 * axe-core on the registry's own pages: the timeline at / in each of its languages (chosen by
 * ?lang= and by Accept-Language) and the Scalar reference at /docs. Any serious or critical
 * violation fails, listed with its rule and the element it is on.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeContext, blockingViolations } from "./axe.ts";
import { launchBrowser } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * Scalar's own markup that no configuration reaches (@scalar/api-reference, its code panels):
 * - button-name: the icon-only "copy" buttons of its example code blocks have no accessible name.
 * Everything else on /docs is checked, including the colours (src/lib/explorer.ts sets them).
 */
const SCALAR_WAIVERS = [{ rule: "button-name", within: 'button[class~="group/copy-button"]' }];

async function open(page: Page, path: string) {
  const res = await page.goto(`${server.baseUrl}${path}`);
  assert.equal(res?.status(), 200);
}

describe("accessibility (axe-core): no serious or critical violation", () => {
  for (const [lang, path, locale] of [
    ["en", "/", "en-GB"],
    ["ru", "/?lang=ru", "en-GB"],
    ["zh", "/", "zh-CN"], // by Accept-Language, which the browser sends from its locale
  ] as const) {
    it(`/ (timeline) in ${lang}, via ${path.includes("lang=") ? "?lang=" : `Accept-Language ${locale}`}`, async () => {
      const context = await axeContext(browser, { locale });
      const page = await context.newPage();
      await open(page, path);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.deepEqual(await blockingViolations(page), []);
      await context.close();
    });
  }

  it("/docs (Scalar reference)", async () => {
    const context = await axeContext(browser);
    const page = await context.newPage();
    await open(page, "/docs");
    const title = (await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as { info: { title: string } };
    await page.getByRole("heading", { level: 1, name: title.info.title }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await blockingViolations(page, SCALAR_WAIVERS), []);
    await context.close();
  });
});
