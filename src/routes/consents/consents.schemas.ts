import { z } from "@hono/zod-openapi";
import { day, MAX, MAX_LIST, stateCode, str, timestamp } from "../../lib/wire";
import { AgreementIdParam, DayInput, text } from "../agreements/agreements.schemas";
import type { ConsentRow } from "./consents.queries";

/** Examples shown in the OpenAPI document and the explorer, drawn from the real register. */

const consentExample = {
  state: "KAZ",
  decision: "consent" as const,
  date: "2026-11-20",
  reference: "Note verbale No. 12-3/456",
  source: null,
  recordedAt: "2026-11-20T09:30:00.000Z",
};

const consentStatusExample = {
  agreementId: "sco-asean-culture-2026",
  basis: { date: "2026-12-10", of: "proposed" as const },
  required: ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"],
  consented: ["KAZ"],
  objecting: [],
  missing: ["BLR", "CHN", "IND", "IRN", "KGZ", "PAK", "RUS", "TJK", "UZB"],
  consentsRecorded: true,
  complete: false,
  consents: [consentExample],
};

const consentInputExample = {
  state: "KAZ",
  decision: "consent" as const,
  date: "2026-11-20",
  reference: "Note verbale No. 12-3/456",
};

export const ConsentBody = z
  .strictObject({
    state: z
      .string()
      .regex(/^[A-Za-z]{2,3}$/)
      .openapi({ maxLength: 3, description: "Member state code", example: "KAZ" }),
    decision: z.enum(["consent", "objection"]),
    date: DayInput,
    reference: text(300).optional().openapi({ example: "Note verbale No. 12-3/456" }),
    source: text(500).optional(),
  })
  .openapi("ConsentInput", { example: consentInputExample });

export const ConsentParams = AgreementIdParam.extend({
  state: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/)
    .openapi({
      param: { name: "state", in: "path" },
      maxLength: 3,
      description: "Member state code (alpha-3 or alpha-2)",
      example: "KAZ",
    }),
});

export const ConsentSchema = z
  .object({
    state: stateCode(),
    decision: z.enum(["consent", "objection"]),
    date: day(),
    reference: str(300).nullable(),
    source: str(500).nullable(),
    recordedAt: timestamp(),
  })
  .openapi("Consent", { example: consentExample });

export const ConsentStatusSchema = z
  .object({
    agreementId: str(MAX.agreementId).regex(/^[a-z0-9][a-z0-9_-]{2,79}$/),
    basis: z
      .object({ date: day(), of: z.enum(["signed", "proposed", "today"]) })
      .openapi({ description: "The date whose members must consent" }),
    required: z
      .array(stateCode())
      .max(MAX_LIST)
      .openapi({ description: "The member states on that date", example: ["CHN", "IND", "KAZ"] }),
    consented: z.array(stateCode()).max(MAX_LIST),
    objecting: z.array(stateCode()).max(MAX_LIST),
    missing: z.array(stateCode()).max(MAX_LIST),
    consentsRecorded: z.boolean().openapi({
      description:
        "false for an agreement concluded before the registry existed: its consents are not recorded here, which is not the same as missing; `consented`, `objecting` and `missing` are then empty and `complete` is null",
    }),
    complete: z.boolean().nullable().openapi({
      description: "Every required state consented and none objects; null when the consents are not recorded",
    }),
    consents: z.array(ConsentSchema).max(MAX_LIST),
  })
  .openapi("ConsentStatus", { example: consentStatusExample });

export const toWireConsent = (c: ConsentRow) => ({
  state: c.stateId,
  decision: c.decision,
  date: c.date,
  reference: c.reference,
  source: c.source,
  recordedAt: c.createdAt,
});
