/**
 * Runs a scripted scenario against the running registry with the typed client generated from the
 * committed contract (openapi/schema.d.ts + openapi-fetch): a status query, the event log page by
 * page, and — with an editor key — an agreement with ASEAN from draft to conclusion.
 * Starts the registry as `npm start` does; exits non-zero on the first failed expectation.
 *
 *   npm run test:client
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import createClient from "openapi-fetch";
import type { components, paths } from "../../openapi/schema";
import { type RunningServer, startServer } from "../e2e/server";

type Problem = components["schemas"]["Problem"];

const ROOT = path.resolve(import.meta.dirname, "../..");

class Failed extends Error {}

function expect(condition: boolean, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Failed(`${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
}

function step(message: string) {
  console.log(`ok  ${message}`);
}

/** The bootstrap admin token that `npm start` keeps in .dev.vars. */
function adminToken(): string {
  const vars = readFileSync(path.join(ROOT, ".dev.vars"), "utf8");
  const token = /^ADMIN_TOKEN=(.+)$/m.exec(vars)?.[1]?.trim();
  expect(token !== undefined && token.length >= 16, ".dev.vars holds an ADMIN_TOKEN of at least 16 characters");
  return token;
}

const problemText = (error: Problem | undefined) =>
  error ? `${error.status} ${error.title}: ${error.detail}` : "no problem body";

async function scenario(baseUrl: string) {
  const api = createClient<paths>({ baseUrl });
  const today = new Date().toISOString().slice(0, 10);

  // 1. A status on a day.
  {
    const { data, error, response } = await api.GET("/v1/states/{code}/status", {
      params: { path: { code: "IRN" }, query: { at: "2020-01-01" } },
    });
    expect(response.status === 200 && data !== undefined, "GET /v1/states/IRN/status answers 200", problemText(error));
    expect(data.status === "observer", "Iran was an observer on 2020-01-01", data);
    step(`Iran on 2020-01-01: ${data.status}${data.since ? ` since ${data.since.date}` : ""}`);
  }

  // 2. The event log, page by page.
  {
    const seen = new Set<number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, error, response } = await api.GET("/v1/status-events", {
        params: { query: { limit: 25, cursor } },
      });
      expect(
        response.status === 200 && data !== undefined,
        `GET /v1/status-events page ${pages + 1} answers 200`,
        problemText(error),
      );
      for (const event of data.items) {
        expect(!seen.has(event.id), "no event appears on two pages", event.id);
        seen.add(event.id);
      }
      pages += 1;
      cursor = data.nextCursor ?? undefined;
      expect(pages <= 1000, "the event log ends");
    } while (cursor !== undefined);
    expect(seen.size > 50, "the event log holds more than 50 events", seen.size);
    step(`event log: ${seen.size} events on ${pages} pages, no duplicates`);
  }

  // 3. An editor key, made with the bootstrap admin token.
  const admin = { Authorization: `Bearer ${adminToken()}` };
  const created = await api.POST("/v1/api-keys", {
    headers: admin,
    body: { name: `client scenario ${new Date().toISOString()}`, role: "editor" },
  });
  expect(
    created.response.status === 201 && created.data !== undefined,
    "POST /v1/api-keys answers 201",
    problemText(created.error),
  );
  // A first answer carries the secret; only a replay (same Idempotency-Key) withholds it.
  expect("key" in created.data, "a new key comes with its secret");
  const editor = { Authorization: `Bearer ${created.data.key}` };
  step(`editor key ${created.data.id} created`);

  // 4. Draft an agreement with ASEAN.
  const draft = await api.POST("/v1/agreements", {
    headers: editor,
    body: {
      kind: "memorandum_of_understanding",
      title: {
        en: `Memorandum on cooperation between the SCO Secretariat and the ASEAN Secretariat (client scenario ${today})`,
      },
      counterparties: ["asean"],
      sources: ["Typed client scenario (test/client/scenario.ts)"],
    },
  });
  expect(
    draft.response.status === 201 && draft.data !== undefined,
    "POST /v1/agreements answers 201",
    problemText(draft.error),
  );
  expect(draft.data.lifecycle === "draft", "a new agreement is a draft", draft.data.lifecycle);
  const id = draft.data.id;
  const draftEtag = draft.response.headers.get("ETag");
  expect(draftEtag !== null, "the draft comes with an ETag");
  step(`drafted ${id} (ETag ${draftEtag})`);

  // 5. Submit it for consent.
  const submitted = await api.PATCH("/v1/agreements/{id}", {
    headers: editor,
    params: { path: { id }, header: { "if-match": draftEtag } },
    body: { lifecycle: "awaiting_consent" },
  });
  expect(
    submitted.response.status === 200 && submitted.data !== undefined,
    "PATCH lifecycle=awaiting_consent answers 200",
    problemText(submitted.error),
  );
  expect(submitted.data.lifecycle === "awaiting_consent", "the agreement awaits consent", submitted.data.lifecycle);
  step(`submitted ${id} for consent`);

  // 6. Who must consent, and all but one of them do.
  const tally = await api.GET("/v1/agreements/{id}/consents", { params: { path: { id } } });
  expect(
    tally.response.status === 200 && tally.data !== undefined,
    "GET /consents answers 200",
    problemText(tally.error),
  );
  const required = tally.data.required;
  expect(required.length > 1, "more than one member state must consent", required);
  const last = required[required.length - 1]!;
  const recordConsent = async (state: string) => {
    const res = await api.POST("/v1/agreements/{id}/consents", {
      headers: editor,
      params: { path: { id } },
      body: { state, decision: "consent", date: today },
    });
    expect(
      res.response.status === 201 && res.data !== undefined,
      `consent of ${state} answers 201`,
      problemText(res.error),
    );
    return res.data;
  };
  for (const state of required.slice(0, -1)) await recordConsent(state);
  step(
    `consents of ${required.length - 1} of ${required.length} member states recorded on ${today} (${required.join(", ")} required)`,
  );

  const currentEtag = async () => {
    const res = await api.GET("/v1/agreements/{id}", { params: { path: { id } } });
    const etag = res.response.headers.get("ETag");
    expect(
      res.response.status === 200 && etag !== null,
      "GET /v1/agreements/{id} answers 200 with an ETag",
      problemText(res.error),
    );
    return etag;
  };

  // 7. Conclusion is refused while one consent is missing.
  const refused = await api.POST("/v1/agreements/{id}/conclusion", {
    headers: editor,
    params: { path: { id }, header: { "if-match": await currentEtag() } },
    body: { date: today },
  });
  expect(
    refused.response.status === 409 && refused.error !== undefined,
    "conclusion is refused with 409 while a consent is missing",
    refused.response.status,
  );
  const missing = refused.error.missing;
  expect(Array.isArray(missing) && missing.includes(last), `the refusal names ${last} as missing`, refused.error);
  step(`conclusion refused with 409: ${refused.error.detail}`);

  // 8. The last consent, then the conclusion.
  const complete = await recordConsent(last);
  expect(complete.complete && complete.missing.length === 0, "every member state consented", complete);
  step(`consent of ${last} recorded: complete`);
  const concluded = await api.POST("/v1/agreements/{id}/conclusion", {
    headers: editor,
    params: { path: { id }, header: { "if-match": await currentEtag() } },
    body: { date: today },
  });
  expect(
    concluded.response.status === 200 && concluded.data !== undefined,
    "POST /conclusion answers 200",
    problemText(concluded.error),
  );
  expect(
    concluded.data.lifecycle === "concluded" && concluded.data.signed?.date === today,
    "the agreement is concluded today",
    concluded.data,
  );
  step(`concluded ${id} on ${today}`);

  // 9. It is listed among the agreements with ASEAN.
  {
    let cursor: string | undefined;
    let found = false;
    do {
      const { data, error, response } = await api.GET("/v1/agreements", {
        params: { query: { counterparty: "asean", limit: 200, cursor } },
      });
      expect(
        response.status === 200 && data !== undefined,
        "GET /v1/agreements?counterparty=asean answers 200",
        problemText(error),
      );
      found ||= data.items.some((a) => a.id === id && a.lifecycle === "concluded");
      cursor = data.nextCursor ?? undefined;
    } while (cursor !== undefined && !found);
    expect(found, `GET /v1/agreements?counterparty=asean lists ${id} as concluded`);
    step(`${id} is listed among the agreements with ASEAN`);
  }
}

let server: RunningServer | undefined;
try {
  console.log("starting the registry (npm start)…");
  server = await startServer();
  step(`registry answering at ${server.baseUrl}`);
  await scenario(server.baseUrl);
  console.log("scenario passed");
} catch (error) {
  console.error(
    `FAILED: ${error instanceof Failed ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await server?.stop();
}
