/**
 * Fuzzes the operations of the committed OpenAPI document with valid, boundary and hostile
 * requests and checks each answer against the contract (harness.ts). Every request is checked on
 * its own: one that is not a 2xx write must leave the snapshot unchanged; a 2xx write must add
 * exactly one audit record and one change (none for private API keys).
 * Replay a failure with FUZZ_SEED=<printed seed>. The reads and the writes are fuzzed by two files
 * (operations.*.fuzz.test.ts), each on a fresh D1, so that two workers share the work.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allItems } from "../helpers";
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
import { type Joint, type PathPools, requestArb } from "./requests";
import { dayBetween, type Hints, partialDateArb, partialDateBetween, serial } from "./schema-arbitraries";

const STATES = ["IRN", "CHN", "IND", "RUS", "KAZ", "BLR", "PAK", "TUR", "LAO", "MNG", "AFG", "ir", "cn"];
const MEMBERS = ["CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "BLR"];
const ORGANISATIONS = ["asean", "un", "cis", "ecsco", "cica", "csto"];
/** States that are partners, not members, since the Tianjin conversion (2025-09-01): their status may still move. */
const PARTNER_STATES = [
  "AFG",
  "ARE",
  "ARM",
  "AZE",
  "BHR",
  "EGY",
  "KHM",
  "KWT",
  "LKA",
  "MDV",
  "MMR",
  "MNG",
  "NPL",
  "QAT",
  "SAU",
  "TUR",
];
const PARTNER_ORGANISATIONS = ["asean", "cica", "cis", "csto", "eaeu", "icrc", "un", "unesco", "unescap", "unodc"];
/** Members since 2001 or 2017: members on any day a plausible Secretariat term starts. */
const LONG_MEMBERS = ["CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"];
/**
 * The plausible bodies keep to eras, so that one operation's successes do not close another's: the
 * fixtures' consents and the conclusions fall in 2025 (every member of 2025 consents), everything the
 * fuzz adds to a party's log or an agreement's later steps in 2026, after the last recorded event and
 * signature, yet before today's horizon (src/lib/horizon.ts) on any clock from 2026 on.
 */
const CONSENT_DAY = "2025-03-01";

/**
 * Writes that no fuzzed request can make succeed, each with why; every other write must answer at
 * least one 2xx in a run, so that a change that stops the fuzz reaching its success path fails loudly.
 */
const NEVER_SUCCEEDS: Record<string, string> = {};

/** Runs per operation: writes get more, as they have more ways to go wrong. */
const runs = (op: Operation) => (op.method === "GET" ? 80 : 150);

let keys: Keys;
const cursors: Record<string, string> = {};
const agreementIds: string[] = [];

/** Fixture agreements whose consents are set up for one operation; the others leave them alone. */
const reserved = (group: "conclude" | "withdraw") => `fuzz-${SEED}-${group}-`;
const isReserved = (id: string) => id.startsWith(reserved("conclude")) || id.startsWith(reserved("withdraw"));

interface AgreementSummary {
  id: string;
  lifecycle: string;
}

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
    if (OPERATIONS.some((op) => which(op) && op.method !== "GET")) await consentFixtures();
  }, 60_000);

  /**
   * Agreements with every member's consent on record, so that conclusions (and withdrawals of a
   * consent) can succeed: no fuzzed body could gather ten consents first.
   */
  async function consentFixtures() {
    const write = async (method: string, url: string, body: unknown, etag?: string) => {
      const res = await send({
        method,
        url,
        headers: {
          authorization: `Bearer ${nextKey(keys, "editor")}`,
          "content-type": "application/json",
          ...(etag && { "if-match": etag }),
        },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`fixture ${method} ${url}: ${res.status} ${await res.text()}`);
      return res;
    };
    const groups = [
      ...Array.from({ length: 12 }, (_, i) => `${reserved("conclude")}${i}`),
      ...[0, 1].map((i) => `${reserved("withdraw")}${i}`),
    ];
    for (const id of groups) {
      const created = await write("POST", "/v1/agreements", {
        id,
        kind: "agreement",
        title: { en: "Fuzz fixture with the members' consents" },
        counterparties: ["asean"],
        sources: ["fuzz"],
      });
      await write("PATCH", `/v1/agreements/${id}`, { lifecycle: "awaiting_consent" }, created.headers.get("etag")!);
      for (const state of MEMBERS)
        await write("POST", `/v1/agreements/${id}/consents`, { state, decision: "consent", date: CONSENT_DAY });
      agreementIds.push(id);
    }
  }

  /**
   * Real ids for the path parameters, read afresh before each operation's run: the agreements in
   * the lifecycle the operation needs, the status events the fuzz recorded (2026 on), the open
   * Secretariat terms. Ids the server drew at random (an agreement created without an id) are left
   * out, so that a seed replays the same choices.
   */
  async function pools(): Promise<PathPools> {
    const agreements = (await allItems<AgreementSummary>("/v1/agreements?limit=200")).filter(
      (a) => !a.id.startsWith("agr-"),
    );
    const ids = (keep: (a: AgreementSummary) => boolean, fallback = agreementIds) => {
      const kept = agreements.filter(keep).map((a) => a.id);
      return fc.constantFrom(...(kept.length > 0 ? kept : fallback));
    };
    const collecting = (a: AgreementSummary) => a.lifecycle === "awaiting_consent" || a.lifecycle === "consented";
    const signed = (a: AgreementSummary) => ["concluded", "in_force", "terminated", "expired"].includes(a.lifecycle);
    const events = (await allItems<{ id: number }>("/v1/status-events?from=2026-01-01&limit=200")).map((e) =>
      String(e.id),
    );
    const terms = (
      await env.DB.prepare("SELECT id FROM secretariat_terms WHERE end_date IS NULL ORDER BY id").all<{ id: string }>()
    ).results.map((t) => t.id);
    return {
      code: fc.constantFrom(...STATES),
      "getOrganisation:id": fc.constantFrom(...ORGANISATIONS),
      "getOrganisationHistory:id": fc.constantFrom(...ORGANISATIONS),
      "listOrganisationAgreements:id": fc.constantFrom(...ORGANISATIONS),
      "revokeApiKey:id": fc.constantFrom(...keys.spareIds, "key_0000000000000000"),
      id: fc.constantFrom(...agreementIds),
      "updateAgreement:id": ids((a) => !isReserved(a.id) && (a.lifecycle === "draft" || collecting(a))),
      "correctAgreement:id": ids((a) => !isReserved(a.id)),
      "concludeAgreement:id": ids((a) => a.id.startsWith(reserved("conclude")) && collecting(a)),
      "enterAgreementIntoForce:id": ids((a) => a.lifecycle === "concluded"),
      "terminateAgreement:id": ids((a) => a.lifecycle === "concluded" || a.lifecycle === "in_force"),
      "recordConsent:id": ids((a) => !isReserved(a.id) && collecting(a)),
      "withdrawConsent:id": ids((a) => !a.id.startsWith(reserved("conclude")) && collecting(a)),
      "withdrawConsent:state": fc.constantFrom(...MEMBERS),
      "recordDepositaryAction:id": ids(signed),
      "correctStatusEvent:id": fc.constantFrom(...(events.length > 0 ? events : ["1"])),
      "retractStatusEvent:id": fc.constantFrom(...(events.length > 0 ? events : ["1"])),
      "endSecretariatTerm:id": fc.constantFrom(...(terms.length > 0 ? terms : ["sg-none"])),
      "getPartyByIdentifier:scheme": fc.constantFrom("wikidata", "iso3166-alpha2", "iso3166-alpha3", "m49"),
      "getPartyByIdentifier:value": fc.constantFrom("Q794", "q148", "IR", "irn", "364", "4", "Q999999999"),
    };
  }

  const hints: Hints = {
    party: fc.constantFrom(...STATES, ...ORGANISATIONS),
    counterparties: fc.constantFrom(...STATES, ...ORGANISATIONS),
    state: fc.constantFrom(...MEMBERS),
    counterparty: fc.constantFrom(...STATES, ...ORGANISATIONS),
    proposed: partialDateArb,
  };

  const sources = fc.constantFrom("Note verbale No. 2026/LD-201", {
    title: "Decision of the SCO Council of Heads of State",
    publisher: "SCO Council of Heads of State",
    kind: "official_document",
  });
  const statusEventDay = partialDateBetween("2026-01-01", "2026-11-30");

  /** Hints for one operation's bodies: what its `date`, `id` or `state` must be to succeed. */
  const opHints = (): Record<string, Hints> => ({
    createStatusEvent: {
      date: statusEventDay,
      sources,
      basis: fc.constantFrom(...agreementIds.slice(0, 10)).map((agreementId) => ({ agreementId })),
    },
    correctStatusEvent: { date: dayBetween("2026-01-01", "2026-11-30"), sources },
    retractStatusEvent: { sources },
    createAgreement: {
      id: serial.map((n) => `fuzz-${SEED}-new-${n}`),
      counterparties: fc.constantFrom(...PARTNER_STATES, ...PARTNER_ORGANISATIONS),
      proposed: partialDateBetween("2025-01-01", "2027-06-30"),
    },
    updateAgreement: {
      lifecycle: fc.constantFrom("awaiting_consent", "awaiting_consent", "draft"),
      counterparties: fc.constantFrom(...PARTNER_STATES, ...PARTNER_ORGANISATIONS),
      proposed: partialDateBetween("2025-01-01", "2027-06-30"),
    },
    correctAgreement: { proposed: partialDateBetween("2025-01-01", "2027-06-30") },
    concludeAgreement: { date: dayBetween(CONSENT_DAY, "2025-12-31") },
    enterAgreementIntoForce: { date: dayBetween("2026-04-01", "2026-06-30") },
    terminateAgreement: {
      date: dayBetween("2026-07-01", "2026-11-30"),
      outcome: fc.constantFrom("terminated", "expired"),
    },
    recordConsent: {
      date: dayBetween("2025-01-01", "2025-12-31"),
      decision: fc.constantFrom("consent", "consent", "consent", "objection"),
    },
    recordDepositaryAction: { date: partialDateBetween("2026-04-01", "2026-11-30") },
    createApiKey: { role: fc.constantFrom("editor", "admin") },
    appointSecretariatTerm: {
      id: serial.map((n) => `fuzz-${SEED}-term-${n}`),
      // a deputy's term may overlap others; a Secretary-General's rarely fits between the recorded ones
      post: fc.constantFrom("deputy_secretary_general", "deputy_secretary_general", "secretary_general"),
      person: serial.map((n) => `fuzz-person-${n}`),
      state: fc.constantFrom(...LONG_MEMBERS),
      start: partialDateBetween("2018-01-01", "2025-12-31"),
    },
    endSecretariatTerm: { end: dayBetween("2026-01-01", "2026-11-30") },
  });

  /** Moves a party may make whatever its current status: a granting act, or a step at the status most hold. */
  const STATE_MOVES = [
    { status: "observer", kind: "status_granted" },
    { status: "dialogue_partner", kind: "memorandum_signed" },
    { status: "partner", kind: "status_granted" },
    { status: "member", kind: "accession" },
    { status: "partner", kind: "application" },
    { status: "partner", kind: "conversion" },
    { status: "none", kind: "suspension" },
  ];
  const ORGANISATION_MOVES = [
    { status: "partner_organisation", kind: "memorandum_signed" },
    { status: "guest", kind: "status_granted" },
    { status: "none", kind: "withdrawal" },
  ];

  /** Properties that only succeed together, for the operations that have them. */
  const JOINTS: Record<string, Joint> = {
    createStatusEvent: fc.oneof(
      fc
        .tuple(fc.constantFrom(...PARTNER_STATES), fc.constantFrom(...STATE_MOVES))
        .map(([party, move]) => ({ party, ...move })),
      fc
        .tuple(fc.constantFrom(...PARTNER_ORGANISATIONS), fc.constantFrom(...ORGANISATION_MOVES))
        .map(([party, move]) => ({ party, ...move })),
    ),
    // one field to correct, so that the correction changes something and keeps the log in order
    correctStatusEvent: fc.oneof(
      serial.map((n) => ({ date: undefined, note: `Corrected by the fuzz (${n})` })),
      serial.map((n) => ({ date: undefined, place: `Place ${n}` })),
      fc.record({ date: dayBetween("2026-01-01", "2026-11-30") }),
    ),
    correctAgreement: fc.oneof(
      dayBetween("2001-06-15", "2024-12-31").map((signed) => ({ signed, proposed: undefined })),
      partialDateBetween("2025-01-01", "2027-06-30").map((proposed) => ({ signed: undefined, proposed })),
    ),
    recordDepositaryAction: fc.oneof(
      { weight: 3, arbitrary: fc.constant({ action: "certified_copy_made", recipient: undefined }) },
      { weight: 1, arbitrary: fc.constant({ action: "original_received", recipient: undefined }) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(...MEMBERS, "rats").map((recipient) => ({ action: "copy_forwarded", recipient })),
      },
    ),
  };

  const routesTo = (op: Operation, url: string) =>
    new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(new URL(url, "http://x").pathname);

  async function currentEtag(url: string): Promise<string | undefined> {
    const resource = /^\/v1\/(agreements|status-events)\/([^/?]+)/.exec(url);
    if (!resource) return undefined;
    const res = await send({ method: "GET", url: `/v1/${resource[1]}/${resource[2]}`, headers: {} });
    return res.headers.get("etag") ?? undefined;
  }

  let requests = 0;
  const statuses: Record<string, Record<number, number>> = {};
  /** 2xx writes that wrote (not an idempotent replay of an earlier answer), per operation. */
  const wrote: Record<string, number> = {};
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
      const cursor = cursors[op.id];
      const property = fc.asyncProperty(
        requestArb(
          op,
          await pools(),
          {
            ...hints,
            ...(cursor && { cursor: fc.constant(cursor), since: fc.constant(cursor) }),
            ...opHints()[op.id],
          },
          JOINTS[op.id],
        ),
        fc.nat(2),
        async (planned, freshEtag) => {
          const request = planned.build({
            right: () => nextKey(keys, op.admin ? "admin" : "editor"),
            editor: () => nextKey(keys, "editor"),
          });
          // writes mostly name the current version, so that they get past the 412 to their own rules
          if (hasIfMatch && freshEtag !== 2) {
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
          const written =
            answer.status >= 200 &&
            answer.status < 300 &&
            op.method !== "GET" &&
            answer.headers.get("idempotent-replayed") !== "true";
          if (!written) expect(after, `a ${answer.status} answer changed the registry`).toEqual(before);
          else {
            expect(after.audit, "a write adds exactly one audit record").toBe((before.audit ?? 0) + 1);
            // API keys are private; every other write is announced once in the public change feed
            expect(after.changes, "a public write adds exactly one change").toBe(
              (before.changes ?? 0) + (op.path.startsWith("/v1/api-keys") ? 0 : 1),
            );
            wrote[op.id] = (wrote[op.id] ?? 0) + 1;
          }
        },
      );
      await fc.assert(property, { seed: SEED, numRuns: runs(op), endOnFailure: true });
    }, 60_000);
  });

  if (OPERATIONS.some((op) => which(op) && op.method !== "GET"))
    it("reached the success path of every write that can succeed", () => {
      // Only the operations that ran (a -t filter may skip some); a run that failed has failed already.
      const missed = OPERATIONS.filter(
        (op) => which(op) && op.method !== "GET" && statuses[op.id] && !(op.id in NEVER_SUCCEEDS) && !wrote[op.id],
      ).map((op) => `${op.id} (${JSON.stringify(statuses[op.id])})`);
      expect(missed, "writes whose fuzzed requests never succeeded: make their plausible bodies fit again").toEqual([]);
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
