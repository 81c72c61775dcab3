/**
 * Security headers and methods: a strict Content-Security-Policy on the two pages, nosniff on every
 * answer, and 405 + Allow for a known path asked with a method it does not serve.
 */
import { describe, expect, it } from "vitest";
import contract from "../../openapi/openapi.json";
import { call, expectProblem } from "../helpers";

/** The policy as directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy");
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** What every page's policy says besides scripts and styles; X-Frame-Options agrees with frame-ancestors. */
function expectBasePolicy(res: Response, policy: Map<string, string[]>) {
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(policy.get("default-src")).toEqual(["'none'"]);
  expect(policy.get("img-src")).toEqual(["'self'", "data:"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
}

const nonceOf = (sources: string[] | undefined) => sources?.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);

describe("Content-Security-Policy of the timeline (/ and /timeline)", () => {
  for (const path of ["/", "/timeline?lang=ru"]) {
    it(`${path}: no script at all, and only the page's own <style>, by this answer's nonce`, async () => {
      const res = await call(path);
      expect(res.status).toBe(200);
      const policy = csp(res);
      expectBasePolicy(res, policy);
      // No script-src: scripts fall back to default-src 'none'.
      expect(policy.has("script-src")).toBe(false);
      const nonce = nonceOf(policy.get("style-src"));
      expect(policy.get("style-src")).toEqual([`'nonce-${nonce}'`]);
      const html = await res.text();
      expect(html).not.toContain("<script");
      expect([...html.matchAll(/<style([^>]*)>/g)].map((m) => m[1])).toEqual([` nonce="${nonce}"`]);
      // A style="" attribute would be refused by this policy.
      expect(html).not.toMatch(/\sstyle=/);
    });
  }

  it("gives each answer its own nonce", async () => {
    const [a, b] = await Promise.all([call("/"), call("/")]);
    expect(nonceOf(csp(a).get("style-src"))).not.toEqual(nonceOf(csp(b).get("style-src")));
  });
});

describe("Content-Security-Policy of the explorer (/docs)", () => {
  it("allows scripts from the Worker and its nonce only, and requests and fonts to the Worker only", async () => {
    const res = await call("/docs");
    expect(res.status).toBe(200);
    const policy = csp(res);
    expectBasePolicy(res, policy);
    const nonce = nonceOf(policy.get("script-src"));
    expect(policy.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("font-src")).toEqual(["'self'"]);
    // Scalar inserts <style> elements and style="" attributes that no nonce can allow (its docs say so).
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);

    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      ` src="/vendor/scalar/standalone.js" nonce="${nonce}"`,
      ` type="text/javascript" nonce="${nonce}"`,
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("declares the page English on <html>, which Scalar's template leaves bare (axe's html-has-lang)", async () => {
    const html = await (await call("/docs")).text();
    expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/i);
  });

  it("configures Scalar to call nothing outside: no default fonts, telemetry, agent, MCP or developer tools", async () => {
    const html = await (await call("/docs")).text();
    const config = JSON.parse(html.match(/Scalar\.createApiReference\('#app', (\{[\s\S]*?\})\)/)![1]!);
    expect(config).toMatchObject({
      url: "/openapi.json",
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      hideClientButton: true,
    });
    expect(config.proxyUrl).toBeUndefined();
  });
});

describe("X-Content-Type-Options: nosniff on every answer", () => {
  const nosniff = (res: Response) => expect(res.headers.get("x-content-type-options")).toBe("nosniff");

  it("on the contract, the pages and HEAD", async () => {
    for (const path of ["/openapi.json", "/docs", "/", "/timeline", "/v1/roster"]) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      nosniff(res);
    }
    nosniff(await call("/openapi.json", { method: "HEAD" }));
  });

  it("on 404s, inside and outside /v1", async () => {
    for (const path of ["/nope", "/v1/nope", "/v1/states/XYZ"]) {
      const res = await call(path);
      await expectProblem(res, 404);
      nosniff(res);
    }
  });

  it("on a 304", async () => {
    const first = await call("/v1/roster");
    const res = await call("/v1/roster", { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(res.status).toBe(304);
    nosniff(res);
  });

  it("on problems: 400, 401, 405, 413, 415", async () => {
    const bad = await call("/v1/states/IRN/status?at=2017-13-45");
    await expectProblem(bad, 400);
    nosniff(bad);
    const unauthorised = await call("/v1/audit");
    await expectProblem(unauthorised, 401);
    nosniff(unauthorised);
    const notAllowed = await call("/openapi.json", { method: "POST" });
    await expectProblem(notAllowed, 405);
    nosniff(notAllowed);
    const tooLarge = await call("/v1/agreements", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "x".repeat(70_000),
    });
    await expectProblem(tooLarge, 413);
    nosniff(tooLarge);
    // Refused by middleware before responseHeaders (src/middleware/response-headers.ts) ever runs.
    const wrongType = await call("/v1/agreements", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "x",
    });
    await expectProblem(wrongType, 415);
    nosniff(wrongType);
  });
});

describe("405 Method Not Allowed with Allow, for a known path", () => {
  async function expectNotAllowed(method: string, path: string, allow: string) {
    const res = await call(path, { method });
    const body = await expectProblem(res, 405);
    expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
    expect(body).toMatchObject({ type: "/problems/method-not-allowed", instance: path.split("?")[0] });
    expect(body.detail).toContain(method);
    return res;
  }

  it("answers the examples of the defect", async () => {
    await expectNotAllowed("DELETE", "/v1/agreements/sco-asean-mou-2005", "GET, HEAD, PATCH, OPTIONS");
    await expectNotAllowed("PUT", "/v1/roster", "GET, HEAD, OPTIONS");
    await expectNotAllowed("POST", "/v1/states/IRN/status", "GET, HEAD, OPTIONS");
    await expectNotAllowed("GET", "/v1/api-keys/some-id", "DELETE, OPTIONS");
  });

  it("matches paths as the router does: a trailing slash, a query, a party that does not exist", async () => {
    await expectNotAllowed("PUT", "/v1/roster/", "GET, HEAD, OPTIONS");
    await expectNotAllowed("DELETE", "/v1/states/XYZ/status?at=2020-01-01", "GET, HEAD, OPTIONS");
  });

  it("covers the pages and the contract, which are not under /v1 (no OPTIONS there)", async () => {
    await expectNotAllowed("POST", "/", "GET, HEAD");
    await expectNotAllowed("DELETE", "/timeline", "GET, HEAD");
    await expectNotAllowed("PUT", "/docs", "GET, HEAD");
    await expectNotAllowed("POST", "/openapi.json", "GET, HEAD");
    await expectNotAllowed("OPTIONS", "/docs", "GET, HEAD");
  });

  it("answers HEAD on a path with no GET with a 405 and no body", async () => {
    const res = await call("/v1/agreements/sco-asean-mou-2005/conclusion", { method: "HEAD" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await res.text()).toBe("");
  });

  it("agrees with the committed contract on every path: its methods, HEAD with GET, OPTIONS under /v1", async () => {
    const order = ["get", "head", "post", "put", "patch", "delete", "options"];
    for (const [template, operations] of Object.entries(contract.paths)) {
      const path = template.replace(/\{[^}]+\}/g, "x");
      const methods = Object.keys(operations).filter((m) => order.includes(m));
      if (methods.includes("get")) methods.push("head");
      methods.push("options");
      const allow = methods
        .sort((a, b) => order.indexOf(a) - order.indexOf(b))
        .join(", ")
        .toUpperCase();
      const wrong = ["put", "delete", "patch", "post", "get"].find((m) => !methods.includes(m))!;
      await expectNotAllowed(wrong.toUpperCase(), path, allow);
    }
  });

  it("leaves unknown paths a 404, whatever the method", async () => {
    for (const [method, path] of [
      ["DELETE", "/v1/nothing"],
      ["POST", "/nope"],
      ["GET", "/v1/agreements/x/y/z"],
      ["PUT", "/docs/more"],
    ] as const) {
      const res = await call(path, { method });
      await expectProblem(res, 404);
      expect(res.headers.has("allow")).toBe(false);
    }
  });

  it("leaves CORS preflights as they were", async () => {
    const res = await call("/v1/agreements/x", {
      method: "OPTIONS",
      headers: { Origin: "https://example.org", "Access-Control-Request-Method": "PATCH" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});
