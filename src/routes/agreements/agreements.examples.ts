/** Examples shown in the OpenAPI document and the explorer, drawn from the real register. */

const consent = { state: "KAZ", decision: "consent" as const, date: "2026-11-20", reference: "Note verbale No. 12-3/456", source: null, recordedAt: "2026-11-20T09:30:00.000Z" };

export const agreementExample = {
  id: "sco-asean-mou-2005",
  kind: "memorandum_of_understanding" as const,
  title: { en: "Memorandum of Understanding between the Secretariat of the Shanghai Cooperation Organisation and the Secretariat of the Association of South East Asian Nations", ru: null, zh: null },
  counterparties: [{ id: "asean", kind: "organisation" as const, name: "ASEAN" }],
  lifecycle: "in_force" as const,
  proposed: null,
  signed: { date: "2005-04-21", precision: "day" as const },
  inForce: { date: "2005-04-21", precision: "day" as const },
  ended: null,
  place: "Jakarta",
  signatories: [{ name: "Zhang Deguang", onBehalfOf: "sco" }, { name: "Ong Keng Yong", onBehalfOf: "asean" }],
  authorisingDecision: null,
  sources: ["https://asean.org/"],
  version: 1,
  consentsRecorded: false,
  createdAt: "2026-11-24T10:00:00.000Z",
  updatedAt: "2026-11-24T10:00:00.000Z",
};

export const consentExample = consent;

export const consentStatusExample = {
  agreementId: "sco-asean-culture-2026",
  basis: { date: "2026-12-10", of: "proposed" as const },
  required: ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"],
  consented: ["KAZ"],
  objecting: [],
  missing: ["BLR", "CHN", "IND", "IRN", "KGZ", "PAK", "RUS", "TJK", "UZB"],
  consentsRecorded: true,
  complete: false,
  consents: [consent],
};

export const createAgreementExample = {
  id: "sco-asean-culture-2026",
  kind: "memorandum_of_understanding" as const,
  title: { en: "Memorandum of Understanding on cultural cooperation between the SCO Secretariat and the ASEAN Secretariat" },
  counterparties: ["asean"],
  proposed: "2026-12-10",
  sources: ["Draft circulated by the SCO Secretariat, November 2026"],
};

export const consentInputExample = { state: "KAZ", decision: "consent" as const, date: "2026-11-20", reference: "Note verbale No. 12-3/456" };
