import { env } from "cloudflare:workers";
import { feature } from "@rapideditor/country-coder";
import { describe, expect, it } from "vitest";
import identifiersMigration from "../../migrations/0016_party_identifiers_data.sql?raw";
import pkg from "../../package.json";
import agreements from "../../src/data/agreements.json";
import { codesSource, identifiersSql, partyIdentifiers } from "../../src/data/identifiers";
import parties from "../../src/data/parties.json";
import { validateSeed } from "../../src/data/seed";
import events from "../../src/data/status-events.json";
import { OrganisationDetailSchema } from "../../src/routes/organisations/organisations.schemas";
import { PartyRefSchema } from "../../src/routes/parties/parties.schemas";
import { StateDetailSchema, StateListSchema } from "../../src/routes/states/states.schemas";
import { call, expectProblem, getJson } from "../helpers";

const states = parties.filter((p) => p.kind === "state");
const version = pkg.devDependencies["@rapideditor/country-coder"];

describe("identifiers that link out", () => {
  it("are exactly what country-coder (the pinned version) gives, as the data migration stores them", () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/); // pinned, so the source names the version used
    const seed = validateSeed({ parties, events, agreements });
    const ids = partyIdentifiers(seed, (a2) => feature(a2)?.properties, codesSource(version));
    expect(identifiersSql(ids)).toBe(identifiersMigration);
  });

  it("give every state a Wikidata item, an M49 code and both ISO codes, each with its source", async () => {
    for (const s of states) {
      const { res, body } = await getJson(`/v1/states/${s.id}`);
      expect(res.status).toBe(200);
      const { identifiers } = StateDetailSchema.parse(body);
      expect(identifiers).toMatchObject({
        wikidata: expect.stringMatching(/^Q\d+$/),
        iso3166Alpha2: s.alpha2,
        iso3166Alpha3: s.id,
        m49: expect.stringMatching(/^\d{3}$/),
        sources: { codes: codesSource(version), wikidata: codesSource(version) },
      });
    }
  });

  it("are unique across parties, and the database refuses a duplicate", async () => {
    const rows = await env.DB.prepare("SELECT id, wikidata, m49, alpha2 FROM parties").all<Record<string, string>>();
    for (const col of ["wikidata", "m49", "alpha2"]) {
      const values = rows.results.map((r) => r[col]).filter((v) => v !== null);
      expect(new Set(values).size, col).toBe(values.length);
    }
    const china = rows.results.find((r) => r.id === "CHN")!;
    for (const col of ["wikidata", "m49"])
      await expect(
        env.DB.prepare(`UPDATE parties SET ${col} = ? WHERE id = 'RUS'`).bind(china[col]).run(),
      ).rejects.toThrow(/UNIQUE constraint failed: parties\.(wikidata|m49)/);
  });

  it("give an organisation the ids parties.json sources, each with its source, and null where none is sourced", async () => {
    type Sourced = { id?: string; url?: string; source: string } | null;
    const orgs = parties.filter((p) => p.kind === "organisation") as unknown as {
      id: string;
      identifiers: { wikidata: Sourced; website: Sourced };
    }[];
    expect(orgs.some((o) => o.identifiers.wikidata === null)).toBe(true); // unsourced ids stay null
    for (const o of orgs) {
      const { body } = await getJson(`/v1/organisations/${o.id}`);
      const { identifiers } = OrganisationDetailSchema.parse(body);
      const { wikidata, website } = o.identifiers;
      expect(identifiers, o.id).toEqual({
        wikidata: wikidata?.id ?? null,
        iso3166Alpha2: null,
        iso3166Alpha3: null,
        m49: null,
        website: website?.url ?? null,
        sources: { codes: null, wikidata: wikidata?.source ?? null, website: website?.source ?? null },
      });
    }
  });
});

describe("GET /v1/parties/by-id/{scheme}/{value}", () => {
  it("finds a state by each scheme, in any case and with or without M49's leading zeros", async () => {
    const china = feature("CN")!.properties;
    const afghanistan = feature("AF")!.properties;
    const cases: [string, string, string][] = [
      ["wikidata", china.wikidata, "CHN"],
      ["wikidata", china.wikidata.toLowerCase(), "CHN"],
      ["iso3166-alpha2", "cn", "CHN"],
      ["iso3166-alpha3", "chn", "CHN"],
      ["m49", china.m49!, "CHN"],
      ["m49", afghanistan.m49!, "AFG"],
      ["m49", String(Number(afghanistan.m49)), "AFG"],
    ];
    for (const [scheme, value, id] of cases) {
      const { res, body } = await getJson(`/v1/parties/by-id/${scheme}/${value}`);
      expect(res.status, `${scheme}/${value}`).toBe(200);
      expect(PartyRefSchema.parse(body)).toMatchObject({ kind: "state", id, href: `/v1/states/${id}` });
      expect(res.headers.get("Content-Location")).toBe(`/v1/states/${id}`);
      expect(res.headers.get("ETag")).toBeTruthy();
    }
  });

  it("finds an organisation by its Wikidata item, and never by a state's scheme", async () => {
    type Org = { id: string; kind: string; identifiers?: { wikidata: { id: string } | null } };
    const org = (parties as Org[]).find((p) => p.kind === "organisation" && p.identifiers?.wikidata)!;
    const qid = org.identifiers!.wikidata!.id;
    const { res, body } = await getJson(`/v1/parties/by-id/wikidata/${qid}`);
    expect(res.status).toBe(200);
    expect(PartyRefSchema.parse(body)).toMatchObject({
      kind: "organisation",
      id: org.id,
      href: `/v1/organisations/${org.id}`,
    });
    await expectProblem(await call(`/v1/parties/by-id/iso3166-alpha3/${org.id.slice(0, 3)}`), 404);
  });

  it("answers 404 for an identifier no party has, and 400 for an unknown scheme or a malformed value", async () => {
    await expectProblem(await call("/v1/parties/by-id/wikidata/Q999999999"), 404);
    await expectProblem(await call("/v1/parties/by-id/m49/999"), 404);
    await expectProblem(await call("/v1/parties/by-id/iso3166-alpha3/ASEAN"), 400);
    await expectProblem(await call("/v1/parties/by-id/isbn/123"), 400);
    await expectProblem(await call("/v1/parties/by-id/wikidata/Q1'--"), 400);
  });
});

describe("?wikidata= on the lists", () => {
  it("keeps only the state with that item", async () => {
    const qid = feature("IR")!.properties.wikidata;
    const { res, body } = await getJson(`/v1/states?at=2024-01-01&wikidata=${qid}`);
    expect(res.status).toBe(200);
    const list = StateListSchema.parse(body);
    expect(list.items.map((i) => [i.code, i.wikidata])).toEqual([["IRN", qid]]);
    const none = StateListSchema.parse((await getJson("/v1/states?at=2024-01-01&wikidata=Q999999999")).body);
    expect(none.items).toEqual([]);
  });

  it("refuses a value that is not a Wikidata item", async () => {
    await expectProblem(await call("/v1/states?wikidata=China"), 400);
    await expectProblem(await call("/v1/organisations?wikidata=Q"), 400);
  });
});
