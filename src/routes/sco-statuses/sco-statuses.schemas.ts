import { z } from "@hono/zod-openapi";
import type { ScoStatusRow } from "../../db/evidence";
import type { Alternative, Certainty, Source } from "../../domain/evidence";
import { AlternativeSchema, CertaintySchema, SourceSchema } from "../../lib/evidence-schemas";
import { PartialDateSchema } from "../../lib/party-schemas";
import { MAX, str } from "../../lib/wire";

export const ScoStatusSchema = z
  .object({
    counterparty: z.object({
      partyId: str(MAX.partyId)
        .nullable()
        .openapi({ description: "The organisation's id where the registry holds it", example: "un" }),
      name: z.object({ en: str(300).openapi({ example: "United Nations General Assembly" }) }),
    }),
    status: z.enum(["observer", "partner", "member", "other"]).openapi({ example: "observer" }),
    date: PartialDateSchema,
    certainty: CertaintySchema,
    note: str(1000).nullable(),
    sources: z.array(SourceSchema).min(1).max(20),
    alternatives: z.array(AlternativeSchema).max(5).openapi({ description: "Other readings (e.g. another date)" }),
  })
  .openapi("ScoStatus", { description: "The SCO's own status in another organisation" });

export const ScoStatusListSchema = z.object({ items: z.array(ScoStatusSchema).max(500) }).openapi("ScoStatusList");

export const toWireScoStatus = (r: ScoStatusRow) => ({
  counterparty: { partyId: r.counterpartyId, name: { en: r.counterpartyNameEn } },
  status: r.status as "observer" | "partner" | "member" | "other",
  date: { date: r.date, precision: r.precision },
  certainty: r.certainty as Certainty,
  note: r.note,
  sources: JSON.parse(r.sources) as Source[],
  alternatives: JSON.parse(r.alternatives) as Alternative[],
});
