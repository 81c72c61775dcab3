import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AgreementListSchema } from "../../src/routes/agreements/agreements.schemas";
import { ConsentStatusSchema } from "../../src/routes/consents/consents.schemas";
import { agreementAwaitingConsent, consent, createKey, getJson } from "../helpers";

// D1 binds at most 100 parameters per statement: lists of ids must not become one parameter each.
// (Storage is per test file, so the rows made here touch no other test.)

const code = (i: number) => `X${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

describe("lists longer than D1's bound-parameter limit", () => {
  it("serves a page of 200 agreements with their counterparties", async () => {
    const rows = Array.from(
      { length: 150 },
      (_, i) => `('bulk-${String(i).padStart(3, "0")}', 'protocol', 'Bulk ${i}', 'concluded')`,
    );
    await env.DB.prepare(`INSERT INTO agreements (id, kind, title_en, lifecycle) VALUES ${rows.join(", ")}`).run();
    await env.DB.prepare(
      `INSERT INTO agreement_counterparties (agreement_id, party_id) SELECT id, 'cis' FROM agreements WHERE id LIKE 'bulk-%'`,
    ).run();
    const { res, body } = await getJson("/v1/agreements?limit=200");
    expect(res.status).toBe(200);
    const page = AgreementListSchema.parse(body);
    expect(page.items.filter((a) => a.id.startsWith("bulk-"))).toHaveLength(150);
    expect(page.items.find((a) => a.id === "bulk-149")?.counterparties).toEqual([
      { id: "cis", kind: "organisation", name: "CIS" },
    ]);
  });

  it("counts consents when more than 100 states are members", async () => {
    const codes = Array.from({ length: 110 }, (_, i) => code(i));
    await env.DB.batch(
      codes.flatMap((c, i) => [
        env.DB.prepare(
          "INSERT INTO parties (id, kind, name_en, name_ru, name_zh) VALUES (?, 'state', ?, 'Тест', '测试')",
        ).bind(c, `Test ${c}`),
        env.DB.prepare(
          "INSERT INTO status_periods (party_id, party_kind, status, from_date, from_precision, from_window_start, from_window_end, start_event_id) VALUES (?, 'state', 'member', '2026-01-01', 'day', '2026-01-01', '2026-01-01', ?)",
        ).bind(c, 100000 + i),
      ]),
    );
    const editor = await createKey("editor");
    const { id } = await agreementAwaitingConsent(editor.key, "2026-06-15");
    const res = await consent(editor.key, id, "XAA", "2026-02-01");
    expect(res.status).toBe(201);
    const tally = ConsentStatusSchema.parse(await res.json());
    expect(tally.required).toHaveLength(120);
    expect(tally.missing).toHaveLength(119);
  });
});
