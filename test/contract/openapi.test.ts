import { expect, it } from "vitest";
import { app } from "../../src/app";
import { OPENAPI_INFO } from "../../src/lib/openapi";
import { call } from "../helpers";

// The committed contract must equal what the routes generate; refresh it with `npm run openapi:write`.
it("openapi/openapi.json matches the document generated from the routes", async () => {
  const generated = app.getOpenAPI31Document(OPENAPI_INFO);
  await expect(`${JSON.stringify(generated, null, 2)}\n`).toMatchFileSnapshot("../../openapi/openapi.json");
});

it("serves the same document at /openapi.json", async () => {
  const res = await call("/openapi.json");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(app.getOpenAPI31Document(OPENAPI_INFO));
});

it("writes every pattern as a regex source, without a JavaScript literal's flags", () => {
  // zod-to-openapi writes a flagged regex (/…/u) as "…/u", which no value matches: such a pattern must
  // be documented by hand (see AppointBody in src/routes/secretariat/secretariat.schemas.ts).
  const patterns: string[] = [];
  JSON.stringify(app.getOpenAPI31Document(OPENAPI_INFO), (key, value) => {
    if (key === "pattern" && typeof value === "string") patterns.push(value);
    return value;
  });
  expect(patterns.length).toBeGreaterThan(0);
  for (const pattern of patterns) {
    expect(pattern, pattern).not.toMatch(/\/[dgimsuvy]*$/);
    expect(() => new RegExp(pattern, "u"), pattern).not.toThrow();
  }
});
