/**
 * 10,000 synthetic agreements with their counterparties and consents, and the editor key the
 * write benchmark signs with. Half are concluded (every member state consented); half await
 * consent, proposed in 2026, with some consents given: the (agreement, state) pairs still open
 * are the write benchmark's pool, so no timed write ever hits the 409 of a repeated consent.
 */
import { inserts, prng, sha256Hex, type Value } from "./sql";

export const AGREEMENT_COUNT = 10_000;
export const EDITOR_TOKEN = "sco_bench_editor_3f9a1c7e5b2d4068a1b3c5d7e9f10213";
const KINDS = ["memorandum_of_understanding", "joint_declaration", "agreement", "protocol", "other"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export interface AgreementData {
  statements: string[];
  /** open (agreement, member state) pairs, in the order the write benchmark takes them */
  writePool: { agreement: string; state: string }[];
}

export async function syntheticAgreements(
  organisations: string[],
  syntheticStates: string[],
  memberStates: string[],
): Promise<AgreementData> {
  const random = prng(AGREEMENT_COUNT);
  const agreements: Record<string, Value>[] = [];
  const counterparties: Record<string, Value>[] = [];
  const consents: Record<string, Value>[] = [];
  // One list per state, joined state after state: consecutive writes go to different agreements.
  const pools = new Map(memberStates.map((s) => [s, [] as AgreementData["writePool"]]));
  for (let i = 1; i <= AGREEMENT_COUNT; i++) {
    const id = `bench-agreement-${pad(i, 5)}`;
    const awaiting = i % 2 === 0;
    const year = awaiting ? 2026 : 2002 + Math.floor(random() * 23);
    const day = `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    agreements.push({
      id,
      kind: KINDS[i % KINDS.length],
      title_en: `Synthetic agreement ${i}`,
      title_ru: null,
      title_zh: null,
      lifecycle: awaiting ? "awaiting_consent" : "in_force",
      proposed_date: day,
      proposed_precision: "day",
      signed_date: awaiting ? null : day,
      signed_precision: awaiting ? null : "day",
      signed_window_start: awaiting ? null : day,
      in_force_date: awaiting ? null : day,
      in_force_precision: awaiting ? null : "day",
      sources: '[{"title":"synthetic benchmark data","publisher":"benchmark","kind":"secondary"}]',
    });
    // Two in three with a real organisation (so `counterparty=asean` has hundreds), else a synthetic state.
    const counterparty =
      i % 3 === 0 ? syntheticStates[i % syntheticStates.length]! : organisations[i % organisations.length]!;
    counterparties.push({ agreement_id: id, party_id: counterparty });
    const given = awaiting ? i % 4 : memberStates.length;
    memberStates.forEach((state, k) => {
      if (k < given)
        consents.push({
          agreement_id: id,
          state_id: state,
          decision: "consent",
          date: day,
          reference: `Note ${i}/${k}`,
          source: "synthetic benchmark data",
        });
      else pools.get(state)!.push({ agreement: id, state });
    });
  }
  const hash = await sha256Hex(EDITOR_TOKEN);
  const key = {
    id: "bench-editor",
    name: "Benchmark editor",
    role: "editor",
    hash,
    prefix: EDITOR_TOKEN.slice(0, 12),
    created_by: null,
  };
  return {
    statements: [
      ...inserts("agreements", agreements),
      ...inserts("agreement_counterparties", counterparties),
      ...inserts("consents", consents),
      ...inserts("api_keys", [key]),
    ],
    writePool: [...pools.values()].flat(),
  };
}
