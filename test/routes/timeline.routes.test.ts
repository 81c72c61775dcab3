import { describe, expect, it } from "vitest";
import { call, expectProblem } from "../helpers";

const page = async (path: string, init: RequestInit = {}) => {
  const res = await call(path, init);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
  return { res, html: await res.text() };
};

describe("GET / (timeline page)", () => {
  it("renders an accessible SVG timeline with a link per party", async () => {
    const { res, html } = await page("/");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="en">');
    // Named, and not role="img": its party links are focusable (axe's nested-interactive).
    expect(html).toMatch(/<svg aria-labelledby="chart-title" aria-describedby="chart-desc"/);
    expect(html).not.toContain('role="img"');
    expect(html).toMatch(/<svg[^>]*>\s*<title id="chart-title">/);
    expect(html).toContain('<a href="/v1/states/IND">');
    expect(html).toContain('<a href="/v1/organisations/asean">');
    expect(html).toContain("<title>India: observer, 2005-07-05 – 2017-06-09</title>");
    expect(html).toContain("2025-09-01 conversion");
    expect(html).toContain("<details>");
    expect(html).not.toContain("<script");
  });

  it("marks year- and month-precision edges as uncertain", async () => {
    const { html } = await page("/timeline");
    expect(html).toMatch(
      /<rect class="uncertain"[^>]*stroke-dasharray="3 2"[^>]*><title>ESCAP: partner organisation, 2008 – ongoing<\/title>/,
    );
  });

  it("lists today's roster grouped by status with counts", async () => {
    const { html } = await page("/");
    expect(html).toMatch(/member \(10\)/);
    expect(html).toMatch(/partner organisation \(\d+\)/);
  });

  it("speaks Russian and Chinese by ?lang= and by Accept-Language", async () => {
    const ru = await page("/?lang=ru");
    expect(ru.html).toContain('<html lang="ru">');
    expect(ru.html).toMatch(/<h1>\p{Script=Cyrillic}/u);
    expect(ru.html).toContain("Индия");
    const zh = await page("/timeline?lang=zh");
    expect(zh.html).toContain('<html lang="zh">');
    expect(zh.html).toMatch(/<h1>\p{Script=Han}/u);
    expect(zh.html).toContain("印度");
    const byHeader = await page("/", { headers: { "Accept-Language": "ru-RU,ru;q=0.9" } });
    expect(byHeader.html).toContain('<html lang="ru">');
  });

  it("refuses an unknown language with the usual problem", async () => {
    const body = await expectProblem(await call("/?lang=fr"), 400);
    expect(body.errors).toEqual([expect.objectContaining({ path: "lang" })]);
  });
});

describe("GET / (the Secretaries-General's row)", () => {
  it("draws a bar per Secretary-General with name and state, and lists them in a table, in three languages", async () => {
    const { html } = await page("/");
    expect(html).toContain('class="label sgname">Secretaries-General</text>');
    expect(html).toMatch(
      /<rect class="sg"[^>]*><title>Vladimir Norov \(Uzbekistan\), 2019-01-01 – 2021-12-31<\/title>/,
    );
    // Year- and month-precision ends are drawn faint, as for the parties.
    expect(html).toMatch(
      /<rect class="uncertain sg"[^>]*><title>Muratbek Imanaliev \(Kyrgyzstan\), 2010-01 – 2012<\/title>/,
    );
    expect(html).toContain("<caption>Secretaries-General of the SCO as a table</caption>");
    expect(html).not.toMatch(/ style="/);
    const ru = (await page("/?lang=ru")).html;
    expect(ru).toContain("<title>Владимир Норов (Узбекистан), 2019-01-01 – 2021-12-31</title>");
    // No source gives Imanaliev's name in Russian: the English one is shown, marked as English.
    expect(ru).toContain('<th scope="row" lang="en">Muratbek Imanaliev</th>');
    const zh = (await page("/?lang=zh")).html;
    expect(zh).toContain("<title>张明 (中国), 2022-01-01 – 2024-12-31</title>");
    expect(zh).toContain(">秘书长</text>");
  });
});
