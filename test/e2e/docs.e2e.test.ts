/**
 * The Scalar API reference at /docs, in a real browser: it renders every tag and operation of the
 * served OpenAPI document, and its "Test Request" client calls the registry on the same origin.
 * Throughout, the page requests nothing outside the Worker and breaks none of its CSP; the buttons
 * that reach Scalar's services ("Ask AI", "Generate MCP", "Deploy") are not there.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, normalise, type PageWatch, screenshot, waitFor, watchPage } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

interface OpenApiDoc {
  info: { title: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, { operationId: string; summary?: string; tags?: string[] }>>;
}

let server: RunningServer;
let browser: Browser;
let doc: OpenApiDoc;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const res = await fetch(`${server.baseUrl}/openapi.json`);
  assert.equal(res.status, 200);
  doc = (await res.json()) as OpenApiDoc;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const operations = () => Object.values(doc.paths).flatMap((ops) => Object.values(ops));

async function openDocs(page: Page, hash = "") {
  await page.goto(`${server.baseUrl}/docs${hash}`);
  await page.getByRole("heading", { level: 1, name: doc.info.title }).waitFor({ timeout: 30_000 });
}

/** Nothing left the Worker's origin and the CSP refused nothing. */
function assertStayedHome(watch: PageWatch) {
  assert.deepEqual(watch.outside, [], "requests outside the Worker");
  assert.deepEqual(watch.violations, [], "Content-Security-Policy violations");
}

describe("/docs (Scalar API reference)", () => {
  it("renders every tag and every operation summary of /openapi.json", async () => {
    const used = new Set(operations().flatMap((op) => op.tags ?? []));
    // Declared tags that no operation uses have nothing to render; every tag in use must show.
    const tags = [...new Set([...(doc.tags ?? []).map((t) => t.name).filter((t) => used.has(t)), ...used])];
    const summaries = operations().flatMap((op) => (op.summary ? [normalise(op.summary)] : []));
    assert.ok(tags.length >= 4 && summaries.length >= 9, "the document lists the registry's tags and operations");

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, server.baseUrl);
    await openDocs(page);
    // Scalar opens the first tag only; the others are expanded from the sidebar.
    for (const tag of tags) {
      const opener = page.getByRole("button", { name: `Open Group - ${tag}`, exact: true });
      if (await opener.count()) await opener.click();
    }
    // Sections render lazily as they scroll into view: scroll until every heading is there.
    const missing = async () => {
      const headings = new Set((await page.locator("h1, h2, h3, h4").allTextContents()).map(normalise));
      return [...tags, ...summaries].filter((text) => !headings.has(text));
    };
    await waitFor(
      "every tag and operation heading",
      async () => {
        if ((await missing()).length === 0) return true;
        await page.mouse.wheel(0, 1500);
        return false;
      },
      60_000,
    ).catch(async (error) => {
      throw new Error(`${(error as Error).message}; missing: ${(await missing()).join(" | ")}`);
    });
    await page.keyboard.press("Home");
    await screenshot(page, "docs-reference");
    assertStayedHome(watch);
    await page.close();
  });

  it("sends getStateStatus from the Test Request client and shows Iran as an observer in 2020", async () => {
    const op = operations().find((o) => o.operationId === "getStateStatus");
    assert.ok(op, "getStateStatus is in the document");
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, server.baseUrl);
    await openDocs(page, "#tag/states/GET/v1/states/{code}/status");
    await page.locator("button.show-api-client-button", { hasText: "(get /v1/states/{code}/status)" }).click();

    const client = page.getByRole("dialog");
    const value = (param: string) =>
      client.locator(
        `tr:has(input[aria-label="Include ${param} in request"]) [contenteditable][data-placeholder="Value"]`,
      );
    await value("code").fill("IRN");
    await value("at").fill("2020-01-01");

    const sent = page.waitForRequest((r) => r.url().includes("/v1/states/IRN/status"));
    await client.getByRole("button", { name: /Send Request/ }).click();
    const request = new URL((await sent).url());
    assert.equal(request.origin, server.baseUrl, "the doc's servers: [{url: '/'}] means the same origin");
    assert.equal(request.searchParams.get("at"), "2020-01-01");

    const response = client.locator('section[aria-label="Response"]');
    await waitFor("the response panel to show the body", async () =>
      /"status":\s*"observer"/.test(await response.textContent()),
    );
    const text = await response.textContent();
    assert.match(text, /200 OK/);
    assert.match(text, /"code":\s*"IRN"/);
    assert.match(text, /"at":\s*"2020-01-01"/);
    await screenshot(page, "docs-test-request");
    await screenshot(page, "docs-test-request-client", client);
    assertStayedHome(watch);
    await page.close();
  });

  it("serves Scalar's bundle, a static asset, with nosniff (src/assets/_headers), and its 304 too", async () => {
    const res = await fetch(`${server.baseUrl}/vendor/scalar/standalone.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    await res.body?.cancel();
    const again = await fetch(`${server.baseUrl}/vendor/scalar/standalone.js`, {
      headers: { "If-None-Match": res.headers.get("etag") ?? "" },
    });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("x-content-type-options"), "nosniff");
  });

  it("shows none of the buttons that reach Scalar's services, even on localhost", async () => {
    // Scalar shows "Ask AI", "Generate MCP" and the developer tools ("Deploy", "Share") on localhost
    // and 127.0.0.1 unless they are turned off, so this server is where they would appear.
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const watch = await watchPage(page, server.baseUrl);
    await openDocs(page);
    // The sidebar and its search render together with those buttons.
    await page.getByRole("button", { name: "Open Group - Organisations", exact: true }).waitFor();
    await page.getByText("Download OpenAPI Document").first().waitFor();
    const body = await page.locator("body").textContent();
    for (const label of ["Ask AI", "Generate MCP", "Connect MCP", "Deploy", "Developer Tools", "Share"]) {
      assert.equal(await page.getByRole("button", { name: label }).count(), 0, `a "${label}" button`);
      assert.ok(!body.includes(label), `"${label}" on the page`);
    }
    await screenshot(page, "docs-no-outside-buttons");
    assertStayedHome(watch);
    await page.close();
  });
});
