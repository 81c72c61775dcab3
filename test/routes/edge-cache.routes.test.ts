import { describe, expect, it } from "vitest";
import { counted } from "../helpers/d1-counter";

describe("scratch", () => {
  it("probe", async () => {
    const a = await counted("/v1/states/CHN/status?at=2020-01-01");
    console.log(a.res.status, a.queries, a.sessions, [...a.res.headers]);
    const b = await counted("/v1/states/CHN/status?at=2020-01-01");
    console.log(b.res.status, b.queries, b.sessions, [...b.res.headers]);
    expect(b.queries).toBe(0);
  });
});
