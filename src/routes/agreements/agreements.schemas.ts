import { z } from "@hono/zod-openapi";
import type { AgreementDates, BasisDates, Lifecycle } from "../../domain/agreements";
import { AGREEMENT_KINDS, LIFECYCLE } from "../../domain/agreements";
import { parsePartialDate, validPartialDate } from "../../domain/dates";
import type { Alternative, Certainty, Source } from "../../domain/evidence";
import { AlternativeSchema, CertaintySchema, SourceSchema, SourcesInput } from "../../lib/evidence-schemas";
import { MAX_PAGE_SIZE, nextCursorField, PageQuery } from "../../lib/pagination";
import { AsRecordedOnQuery, DaySchema } from "../../lib/params";
import { wireDateOf } from "../../lib/party-mappers";
import { EventKindSchema, PartialDateSchema, StatusSchema } from "../../lib/party-schemas";
import { RecordSchema } from "../../lib/record-schemas";
import { int32, MAX, partyId, str, timestamp } from "../../lib/wire";
import type { AgreementRow, CounterpartyRow } from "./agreements.queries";

// Examples shown in the OpenAPI document and the explorer, drawn from the real register.

export const agreementExample = {
  id: "sco-asean-mou-2005",
  kind: "memorandum_of_understanding" as const,
  title: {
    en: "Memorandum of Understanding between the Secretariat of the Shanghai Cooperation Organisation and the Secretariat of the Association of South East Asian Nations",
    ru: null,
    zh: null,
  },
  counterparties: [{ id: "asean", kind: "organisation" as const, name: "ASEAN" }],
  lifecycle: "in_force" as const,
  proposed: null,
  signed: { date: "2005-04-21", precision: "day" as const },
  inForce: { date: "2005-04-21", precision: "day" as const },
  ended: null,
  place: "Jakarta",
  signatories: [
    { name: "Zhang Deguang", onBehalfOf: "sco" },
    { name: "Ong Keng Yong", onBehalfOf: "asean" },
  ],
  authorisingDecision: null,
  certainty: "high" as const,
  alternatives: [],
  note: null,
  sources: [
    {
      title: "ASEAN Secretariat, page 2005/04/21",
      url: "https://asean.org/2005/04/21",
      publisher: "ASEAN Secretariat",
      kind: "official_site" as const,
    },
  ],
  version: 1,
  consentsRecorded: false,
  createdAt: "2026-11-24T10:00:00.000Z",
  updatedAt: "2026-11-24T10:00:00.000Z",
};

export const createAgreementExample = {
  id: "sco-asean-culture-2026",
  kind: "memorandum_of_understanding" as const,
  title: {
    en: "Memorandum of Understanding on cultural cooperation between the SCO Secretariat and the ASEAN Secretariat",
  },
  counterparties: ["asean"],
  proposed: "2026-12-10",
  sources: ["Draft circulated by the SCO Secretariat, November 2026"],
};

export const text = (max: number) => z.string().trim().min(1).max(max);

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD", validated by parsePartialDate (src/domain/dates.ts), as the real history is. */
export const PartialDateInput = z
  .string()
  .max(10)
  .refine((v) => !("error" in parsePartialDate(v)), {
    error: (i) => (parsePartialDate(String(i.input)) as { error: string }).error,
  })
  .openapi({ pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$", description: "YYYY, YYYY-MM or YYYY-MM-DD", example: "2026-03" });

export const DayInput = DaySchema.openapi({ type: "string", format: "date", maxLength: 10, example: "2026-01-15" });

const PartyRef = z
  .string()
  .regex(/^([A-Za-z]{2,3}|[a-z0-9-]{2,40})$/)
  .openapi({
    maxLength: MAX.partyId,
    description: "State code (alpha-3 or alpha-2) or organisation id",
    example: "asean",
  });

export const SignatorySchema = z
  .strictObject({ name: text(200), title: text(200).optional(), onBehalfOf: text(80) })
  .openapi("Signatory", { example: { name: "Zhang Deguang", title: "Executive Secretary", onBehalfOf: "sco" } });

export const TitleSchema = z
  .strictObject({ en: text(500), ru: text(500).optional(), zh: text(500).optional() })
  .openapi("AgreementTitle", {
    example: { en: "Memorandum of Understanding between the SCO Secretariat and the ASEAN Secretariat" },
  });

export const CreateAgreementBody = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,79}$/)
      .optional()
      .openapi({
        maxLength: MAX.agreementId,
        description: "Optional slug; generated when omitted",
        example: "sco-asean-mou-2026",
      }),
    kind: z.enum(AGREEMENT_KINDS),
    title: TitleSchema,
    counterparties: z.array(PartyRef).min(1).max(20),
    proposed: PartialDateInput.optional().openapi({
      description: "Planned date of conclusion; consents are counted for it until the agreement is signed",
    }),
    place: text(200).optional(),
    signatories: z.array(SignatorySchema).max(20).optional(),
    authorisingDecision: text(500).optional(),
    sources: SourcesInput,
  })
  .openapi("CreateAgreement", { example: createAgreementExample });

export const UpdateAgreementBody = CreateAgreementBody.omit({ id: true })
  .partial()
  .extend({
    lifecycle: z
      .enum(["draft", "awaiting_consent"])
      .optional()
      .openapi({ description: "Submit a draft for consent, or take it back" }),
  })
  .refine((b) => Object.keys(b).length > 0, { error: "send at least one field to change" })
  .openapi("UpdateAgreement", { example: { lifecycle: "awaiting_consent" } });

export const ConclusionBody = z
  .strictObject({
    date: DayInput,
    place: text(200).optional(),
    signatories: z.array(SignatorySchema).max(20).optional(),
  })
  .openapi("Conclusion", { example: { date: "2026-12-10", place: "Beijing" } });

export const EntryIntoForceBody = z
  .strictObject({ date: DayInput })
  .openapi("EntryIntoForce", { example: { date: "2027-01-01" } });

export const TerminationBody = z
  .strictObject({ date: DayInput, outcome: z.enum(["terminated", "expired"]), reason: text(500).optional() })
  .openapi("Termination", { example: { date: "2025-12-31", outcome: "expired" } });

export const AgreementSchema = z
  .object({
    id: str(MAX.agreementId)
      .regex(/^[a-z0-9][a-z0-9_-]{2,79}$/)
      .openapi({ example: "sco-asean-mou-2005" }),
    kind: z.enum(AGREEMENT_KINDS),
    title: z.object({ en: str(500), ru: str(500).nullable(), zh: str(500).nullable() }),
    counterparties: z
      .array(z.object({ id: partyId(), kind: z.enum(["state", "organisation"]), name: str(MAX.name) }))
      .max(20),
    lifecycle: z.enum(LIFECYCLE),
    proposed: z.union([PartialDateSchema, z.null()]),
    signed: z.union([PartialDateSchema, z.null()]),
    inForce: z.union([PartialDateSchema, z.null()]),
    ended: z.union([PartialDateSchema, z.null()]),
    place: str(200).nullable(),
    signatories: z.array(SignatorySchema).max(20),
    authorisingDecision: str(500).nullable(),
    certainty: CertaintySchema,
    alternatives: z.array(AlternativeSchema).max(5).openapi({ description: "Other readings of the signed date" }),
    note: str(1000).nullable(),
    sources: z.array(SourceSchema).max(20),
    version: int32(1).openapi({ description: "Bumped by every change; the ETag is its quoted value", example: 1 }),
    consentsRecorded: z.boolean().openapi({
      description:
        "false for agreements concluded before the registry existed: the member states' consents were given then but are not recorded here",
      example: true,
    }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .openapi("Agreement", { example: agreementExample });

export const AgreementDetailSchema = AgreementSchema.extend({
  statusEvents: z
    .array(
      z.object({
        id: int32(1).openapi({ example: 46 }),
        party: partyId(),
        status: StatusSchema,
        kind: EventKindSchema,
        effective: PartialDateSchema,
      }),
    )
    .max(100)
    .openapi({ description: "The status events that rest on this agreement (e.g. the status its memorandum granted)" }),
}).openapi("AgreementDetail");

/** A correction of an agreement's dates: only the dates sent change; reason and sources required. */
export const CorrectAgreementBody = z
  .strictObject({
    proposed: PartialDateInput.optional(),
    signed: PartialDateInput.optional(),
    inForce: PartialDateInput.optional(),
    ended: PartialDateInput.optional(),
    reason: text(1000).openapi({
      description: "Why the record changes (required)",
      example: "Signed on 20 April, per the original",
    }),
    sources: SourcesInput.openapi({
      description: "The sources of the correction: at least one",
      example: ["Depositary register"],
    }),
  })
  .openapi("CorrectAgreement", {
    description:
      "Corrects dates already recorded; a step (conclusion, entry into force, end) is still taken by its own operation.",
    example: { signed: "2005-04-20", reason: "Signed on 20 April, per the original", sources: ["Depositary register"] },
  });

/** GET of one agreement: now, or as recorded then (`record` says which version). */
export const AgreementReadSchema = AgreementDetailSchema.extend({ record: RecordSchema.optional() }).openapi(
  "AgreementRead",
);
export const AgreementReadQuery = z.object({ asRecordedOn: AsRecordedOnQuery });

export const AgreementListQuery = z.object({
  counterparty: PartyRef.optional(),
  lifecycle: z.enum(LIFECYCLE).optional(),
  kind: z.enum(AGREEMENT_KINDS).optional(),
  signedFrom: DayInput.optional(),
  signedTo: DayInput.optional(),
  ...PageQuery,
});

export const AgreementListSchema = z
  .object({ items: z.array(AgreementSchema).max(MAX_PAGE_SIZE), nextCursor: nextCursorField })
  .openapi("AgreementList");

export const AgreementIdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{2,79}$/)
    .openapi({ param: { name: "id", in: "path" }, maxLength: MAX.agreementId, example: "sco-asean-mou-2005" }),
});

// Rows to the wire shape.
/** A stored date (written only after validation) as the domain's partial date. */
const partial = (value: string | null) => (value === null ? null : validPartialDate(value));

export const basisDatesOf = (a: AgreementRow): BasisDates => ({
  signed: partial(a.signedDate),
  proposed: partial(a.proposedDate),
});

export const agreementDatesOf = (a: AgreementRow): AgreementDates => ({
  signed: partial(a.signedDate),
  inForce: partial(a.inForceDate),
  ended: partial(a.endedDate),
});

export function toWireAgreement(a: AgreementRow, counterparties: CounterpartyRow[]) {
  return {
    id: a.id,
    kind: a.kind as (typeof AGREEMENT_KINDS)[number],
    title: { en: a.titleEn, ru: a.titleRu, zh: a.titleZh },
    counterparties: counterparties
      .filter((cp) => cp.agreementId === a.id)
      .map(({ id, kind, name }) => ({ id, kind: kind as "state" | "organisation", name })),
    lifecycle: a.lifecycle as Lifecycle,
    proposed: wireDateOf(a.proposedDate, a.proposedPrecision),
    signed: wireDateOf(a.signedDate, a.signedPrecision),
    inForce: wireDateOf(a.inForceDate, a.inForcePrecision),
    ended: wireDateOf(a.endedDate, a.endedPrecision),
    place: a.place,
    signatories: JSON.parse(a.signatories) as { name: string; title?: string; onBehalfOf: string }[],
    authorisingDecision: a.authorisingDecision,
    certainty: a.certainty as Certainty,
    alternatives: JSON.parse(a.alternatives) as Alternative[],
    note: a.note,
    sources: JSON.parse(a.sources) as Source[],
    version: a.version,
    consentsRecorded: a.consentsRecorded,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export const agreementEtag = (version: number) => `"${version}"`;
