/**
 * The timeline page at / with JavaScript disabled: it is server-rendered, its chart and rows
 * show, its party links are reachable from the keyboard, and it speaks Russian and Chinese.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot, watchPage } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const PARTY_LINK = 'svg a[href^="/v1/states/"], svg a[href^="/v1/organisations/"]';

async function open(page: Page, path: string) {
  const res = await page.goto(`${server.baseUrl}${path}`);
  assert.equal(res?.status(), 200);
  assert.match(res?.headers()["content-type"] ?? "", /^text\/html; charset=utf-8/);
}

describe("/ (timeline) without JavaScript", () => {
  it("renders the chart, a row per party and today's roster", async () => {
    const page = await context.newPage();
    await open(page, "/");
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.equal(await page.locator("script").count(), 0);
    const chart = page.locator("svg.chart");
    assert.ok(await chart.isVisible());
    assert.match((await chart.locator("> title").textContent()) ?? "", /2001/);
    assert.ok((await page.locator(PARTY_LINK).count()) >= 30, "one row link per party");
    assert.ok(await page.locator('svg a[href="/v1/states/IND"]').isVisible());
    assert.ok(await page.locator('svg a[href="/v1/organisations/asean"]').isVisible());
    assert.ok((await page.locator("svg rect.period").count()) >= 40);
    assert.equal(
      await page.locator("svg .marker").count(),
      4,
      "2017, 2023 and 2024 accessions and the 2025 conversion",
    );
    const box = await page.locator('svg a[href="/v1/states/IND"]').boundingBox();
    assert.ok(box && box.width > 10 && box.height > 5, "the row label is drawn");
    assert.match(await page.locator("aside").textContent(), /member \(10\)/);
    await screenshot(page, "timeline-en");
    await page.close();
  });

  it("reaches a party link with the Tab key and follows it with Enter", async () => {
    const page = await context.newPage();
    await open(page, "/");
    let href: string | null = null;
    for (let i = 0; i < 30 && !href; i++) {
      await page.keyboard.press("Tab");
      // A string, so this file needs no DOM typings: the href of the focused element if it is a party link.
      href = await page.evaluate<string | null>(
        `(() => { const a = document.activeElement; return a && a.matches(${JSON.stringify(PARTY_LINK)}) ? a.getAttribute("href") : null; })()`,
      );
    }
    assert.ok(href, "a party link takes the keyboard focus");
    await screenshot(page, "timeline-keyboard-focus");
    await Promise.all([page.waitForURL(`**${href}`), page.keyboard.press("Enter")]);
    assert.match((await page.locator("body").textContent()).trim(), /^\{/, "the link leads to the party's JSON");
    await page.close();
  });

  it("loads nothing but itself and breaks none of its CSP, which still lets its own style apply", async () => {
    // JavaScript on here, and only here: the page's securitypolicyviolation events need it.
    const withJs = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await withJs.newPage();
    const watch = await watchPage(page, server.baseUrl);
    await open(page, "/?lang=zh");
    assert.equal(await page.locator("script").count(), 0);
    // The nonce'd <style> applies: swatches are coloured by class (a refused style would leave them clear).
    const style = (selector: string, property: string) =>
      page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
    assert.equal(await style(".legend .swatch.member", "backgroundColor"), "rgb(31, 78, 156)");
    assert.equal(await style("body", "maxWidth"), "1400px");
    assert.deepEqual(watch.outside, [], "requests outside the Worker");
    assert.deepEqual(watch.violations, [], "Content-Security-Policy violations");
    await withJs.close();
  });

  for (const [lang, script] of [
    ["ru", /\p{Script=Cyrillic}/u],
    ["zh", /\p{Script=Han}/u],
  ] as const) {
    it(`renders in ${lang} with ?lang=${lang}`, async () => {
      const page = await context.newPage();
      await open(page, `/?lang=${lang}`);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      assert.match(await page.title(), script);
      assert.match((await page.locator("h1").textContent()) ?? "", script);
      assert.match((await page.locator('svg a[href="/v1/states/IND"]').textContent()) ?? "", script);
      assert.ok(await page.locator("svg.chart").isVisible());
      await screenshot(page, `timeline-${lang}`);
      await page.close();
    });
  }
});
