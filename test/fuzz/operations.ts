/**
 * Fuzzes the operations of the committed OpenAPI document with valid, boundary and hostile
 * requests and checks each answer against the contract (harness.ts). Every request is checked on
 * its own: one that is not a 2xx write must leave the snapshot unchanged; a 2xx write must add
 * exactly one audit record and one change (none for private API keys).
 * Replay a failure with FUZZ_SEED=<printed seed>. The reads and the writes are fuzzed by two files
 * (operations.*.fuzz.test.ts), each on a fresh D1, so that two workers share the work.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKeys,
  type Keys,
  nextKey,
  OPERATIONS,
  type Operation,
  SEED,
  send,
  sendChecked,
  snapshot,
} from "./harness";
import { type PathPools, requestArb } from "./requests";
import { type Hints, partialDateArb } from "./schema-arbitraries";

const STATES = ["IRN", "CHN", "IND", "RUS", "KAZ", "BLR", "PAK", "TUR", "LAO", "MNG", "AFG", "ir", "cn"];
const MEMBERS = ["CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "BLR"];
const ORGANISATIONS = ["asean", "un", "cis", "ecsco", "cica", "csto"];

/** Runs per operation: writes get more, as they have more ways to go wrong. */
const runs = (op: Operation) => (op.method === "GET" ? 80 : 150);

let keys: Keys;
const cursors: Record<string, string> = {};
const agreementIds: string[] = [];

/** Fuzzes the operations `which` selects; with `undocumentedMethods`, also every method a path lacks. */
export function fuzzOperations(which: (op: Operation) => boolean, options: { undocumentedMethods?: boolean } = {}) {
  beforeAll(async () => {
    console.log(
      `fuzz seed: ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run --config test/vitest.config.ts test/fuzz)`,
    );
    keys = await createKeys(16, 4, 4);
    const list = (await (await send({ method: "GET", url: "/v1/agreements?limit=200", headers: {} })).json()) as {
      items: { id: string }[];
    };
    agreementIds.push(...list.items.map((a) => a.id));
    // real cursors (the first page's, with limit=1) so paged reads get past the cursor check
    // (the dataset exports are files, not pages: they have no cursor)
    for (const op of OPERATIONS.filter(
      (o) => o.method === "GET" && !o.path.includes("{") && !o.path.startsWith("/v1/exports/"),
    )) {
      const headers = { authorization: `Bearer ${keys.admins[0]}` };
      const page = (await (await send({ method: "GET", url: `${op.path}?limit=1`, headers })).json()) as {
        nextCursor?: string;
        cursor?: string;
      };
      const cursor = page.nextCursor ?? page.cursor;
      if (cursor) cursors[op.id] = cursor;
    }
    const editor = nextKey(keys, "editor");
    for (let i = 0; i < 6; i++) {
      const body = {
        id: `fuzz-draft-${SEED}-${i}`,
        kind: "protocol",
        title: { en: "Fuzz fixture" },
        counterparties: ["asean"],
        sources: ["fuzz"],
        proposed: "2026-06-15",
      };
      const res = await send({
        method: "POST",
        url: "/v1/agreements",
        headers: { authorization: `Bearer ${editor}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      agreementIds.push(body.id);
      // half of them awaiting consent, so consents and conclusions can get through
      if (i % 2 === 0) continue;
      const submit = {
        method: "PATCH",
        url: `/v1/agreements/${body.id}`,
        headers: {
          authorization: `Bearer ${editor}`,
          "content-type": "application/json",
          "if-match": res.headers.get("etag")!,
        },
        body: '{"lifecycle":"awaiting_consent"}',
      };
      expect((await send(submit)).status).toBe(200);
    }
  }, 30_000);

  const pools = (): PathPools => ({
    code: fc.constantFrom(...STATES),
    "getOrganisation:id": fc.constantFrom(...ORGANISATIONS),
    "getOrganisationHistory:id": fc.constantFrom(...ORGANISATIONS),
    "listOrganisationAgreements:id": fc.constantFrom(...ORGANISATIONS),
    "revokeApiKey:id": fc.constantFrom(...keys.spareIds, "key_0000000000000000"),
    id: fc.constantFrom(...agreementIds),
    "getPartyByIdentifier:scheme": fc.constantFrom("wikidata", "iso3166-alpha2", "iso3166-alpha3", "m49"),
    "getPartyByIdentifier:value": fc.constantFrom("Q794", "q148", "IR", "irn", "364", "4", "Q999999999"),
  });

  const hints: Hints = {
    party: fc.constantFrom(...STATES, ...ORGANISATIONS),
    counterparties: fc.constantFrom(...STATES, ...ORGANISATIONS),
    state: fc.constantFrom(...MEMBERS),
    counterparty: fc.constantFrom(...STATES, ...ORGANISATIONS),
    proposed: partialDateArb,
  };

  const routesTo = (op: Operation, url: string) =>
    new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(new URL(url, "http://x").pathname);

  async function currentEtag(url: string): Promise<string | undefined> {
    const id = /^\/v1\/agreements\/([^/?]+)/.exec(url)?.[1];
    if (!id) return undefined;
    return (await send({ method: "GET", url: `/v1/agreements/${id}`, headers: {} })).headers.get("etag") ?? undefined;
  }

  let requests = 0;
  const statuses: Record<string, Record<number, number>> = {};
  afterAll(() => {
    console.log(`fuzz: ${requests} requests over ${OPERATIONS.length} operations (seed ${SEED})`);
    for (const [id, counts] of Object.entries(statuses))
      console.log(
        `  ${id.padEnd(26)} ${Object.entries(counts)
          .map(([s, n]) => `${s}×${n}`)
          .join(" ")}`,
      );
  });

  describe.each(OPERATIONS.filter(which).map((op) => [`${op.method} ${op.path}`, op] as const))("%s", (_name, op) => {
    it(`keeps the contract for ${runs(op)} fuzzed requests`, async () => {
      const hasIfMatch = (op.op.parameters ?? []).some((p: { name: string }) => p.name === "if-match");
      // Requests run one after another, so each one's "after" is the next one's "before".
      let last = await snapshot();
      const property = fc.asyncProperty(
        requestArb(
          op,
          pools(),
          cursors[op.id]
            ? { ...hints, cursor: fc.constant(cursors[op.id]), since: fc.constant(cursors[op.id]) }
            : hints,
        ),
        fc.nat(2),
        async (planned, freshEtag) => {
          const request = planned.build({
            right: () => nextKey(keys, op.admin ? "admin" : "editor"),
            editor: () => nextKey(keys, "editor"),
          });
          if (hasIfMatch && freshEtag === 0) {
            const etag = await currentEtag(request.url);
            if (etag) request.headers["if-match"] = etag;
          }
          if (op.method === "GET" && freshEtag === 0) {
            // revalidation: the same read again with the ETag it answered, which must be a bodiless 304
            const etag = (await send(request)).headers.get("etag");
            if (etag) request.headers["if-none-match"] = etag;
          }
          const before = last;
          // An empty or raw "../" path parameter routes elsewhere: then only the generic checks apply.
          const answer = await sendChecked(routesTo(op, request.url) ? op : undefined, request);
          requests++;
          const counts = statuses[op.id] ?? {};
          statuses[op.id] = counts;
          counts[answer.status] = (counts[answer.status] ?? 0) + 1;
          const after = await snapshot();
          last = after;
          const wrote =
            answer.status >= 200 &&
            answer.status < 300 &&
            op.method !== "GET" &&
            answer.headers.get("idempotent-replayed") !== "true";
          if (!wrote) expect(after, `a ${answer.status} answer changed the registry`).toEqual(before);
          else {
            expect(after.audit, "a write adds exactly one audit record").toBe((before.audit ?? 0) + 1);
            // API keys are private; every other write is announced once in the public change feed
            expect(after.changes, "a public write adds exactly one change").toBe(
              (before.changes ?? 0) + (op.path.startsWith("/v1/api-keys") ? 0 : 1),
            );
          }
        },
      );
      await fc.assert(property, { seed: SEED, numRuns: runs(op), endOnFailure: true });
    }, 60_000);
  });

  if (!options.undocumentedMethods) return;
  describe("undocumented methods", () => {
    it("answers a method a path does not have with a 405 problem naming the path's methods in Allow, writing nothing", async () => {
      const paths = [...new Set(OPERATIONS.map((op) => op.path))];
      const arb = fc.tuple(
        fc.constantFrom(...paths),
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
        fc.constantFrom(...agreementIds),
        fc.constantFrom("{}", '{"name":"x","role":"admin"}', "[", ""),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([path, method, id, body]) => {
          if (OPERATIONS.some((op) => op.path === path && op.method === method)) return;
          const url = path.replace("{code}", "IRN").replace("{id}", id).replace("{state}", "KAZ");
          const before = await snapshot();
          const headers = { authorization: `Bearer ${nextKey(keys, "admin")}`, "content-type": "application/json" };
          const answer = await sendChecked(undefined, {
            method,
            url,
            headers,
            body: method === "GET" ? undefined : body,
          });
          requests++;
          expect(answer.status).toBe(405);
          const allow = answer.headers.get("allow")?.split(", ") ?? [];
          for (const op of OPERATIONS.filter((o) => o.path === path)) expect(allow).toContain(op.method);
          expect(allow).not.toContain(method);
          expect(await snapshot()).toEqual(before);
        }),
        { seed: SEED, numRuns: 150, endOnFailure: true },
      );
    }, 60_000);
  });
}
