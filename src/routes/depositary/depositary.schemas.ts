import { z } from "@hono/zod-openapi";
import { type PartialDate, validPartialDate } from "../../domain/dates";
import { DEPOSITARY_ACTIONS, type DepositaryAction, type Recipient } from "../../domain/depositary";
import { PartialDateSchema } from "../../lib/party-schemas";
import { MAX, MAX_LIST, stateCode, str, timestamp } from "../../lib/wire";
import { PartialDateInput, text } from "../agreements/agreements.schemas";
import type { DepositaryRow } from "./depositary.queries";

// Examples shown in the OpenAPI document and the explorer.

const forwardExample = {
  id: "dep_3f9a0c1e7b2d4a65",
  action: "copy_forwarded" as const,
  date: { date: "2026-12-17", precision: "day" as const },
  recipient: { kind: "member_state" as const, state: "KAZ" },
  reference: "Note verbale No. 2026/LD-114",
  actor: "Legal Department of the SCO Secretariat",
  sources: ["Note verbale No. 2026/LD-114 of the SCO Secretariat"],
  recordedAt: "2026-12-17T09:30:00.000Z",
};

const inputExample = {
  action: "copy_forwarded" as const,
  date: "2026-12-17",
  recipient: "KAZ",
  reference: "Note verbale No. 2026/LD-114",
  actor: "Legal Department of the SCO Secretariat",
  sources: ["Note verbale No. 2026/LD-114 of the SCO Secretariat"],
};

export const DepositaryBody = z
  .strictObject({
    action: z
      .enum(DEPOSITARY_ACTIONS)
      .openapi({ description: "original_received, certified_copy_made, or copy_forwarded (to `recipient`)" }),
    date: PartialDateInput.openapi({
      description: "YYYY, YYYY-MM or YYYY-MM-DD: as precisely as the source states it",
      example: "2026-12-17",
    }),
    recipient: z
      .string()
      .regex(/^([A-Za-z]{2,3}|[Rr][Aa][Tt][Ss])$/)
      .optional()
      .openapi({
        maxLength: 4,
        description:
          "copy_forwarded only, and then required: a member state's code (alpha-3 or alpha-2), or `rats` for the SCO Regional Anti-Terrorist Structure",
        example: "KAZ",
      }),
    reference: text(300)
      .optional()
      .openapi({ description: "e.g. the number of the note verbale", example: "Note verbale No. 2026/LD-114" }),
    actor: text(200).openapi({ description: "Who acted", example: "Legal Department of the SCO Secretariat" }),
    sources: z
      .array(text(500))
      .min(1)
      .max(20)
      .openapi({
        description: "Where the fact comes from: citations or URLs",
        example: ["Note verbale No. 2026/LD-114 of the SCO Secretariat"],
      }),
  })
  .refine((b) => (b.action === "copy_forwarded") === (b.recipient !== undefined), {
    path: ["recipient"],
    error: "a recipient is required for copy_forwarded, and only for it",
  })
  .openapi("DepositaryActionInput", { example: inputExample });

const RecipientSchema = z
  .union([z.object({ kind: z.literal("member_state"), state: stateCode() }), z.object({ kind: z.literal("rats") })])
  .openapi("DepositaryRecipient", {
    description: "A member state, or the SCO Regional Anti-Terrorist Structure (`rats`)",
  });

export const DepositaryActionSchema = z
  .object({
    id: str(20).regex(/^dep_[0-9a-f]{16}$/),
    action: z.enum(DEPOSITARY_ACTIONS),
    date: PartialDateSchema,
    recipient: z.union([RecipientSchema, z.null()]),
    reference: str(300).nullable(),
    actor: str(200),
    sources: z.array(str(500)).min(1).max(20),
    recordedAt: timestamp(),
  })
  .openapi("DepositaryAction", { example: forwardExample });

const MemberCopySchema = z
  .object({
    state: stateCode(),
    copy: z.enum(["forwarded", "missing", "not_recorded"]).openapi({
      description:
        "forwarded; missing (the registry kept the log and no forward is on record); not_recorded (concluded before the registry: no archive entry, which proves nothing)",
    }),
    forward: z
      .union([DepositaryActionSchema, z.null()])
      .openapi({ description: "The forward of the state's certified copy: when, reference, actor, sources" }),
  })
  .openapi("MemberCopy");

const codes = () => z.array(stateCode()).max(MAX_LIST);

export const DepositaryStatusSchema = z
  .object({
    agreementId: str(MAX.agreementId).regex(/^[a-z0-9][a-z0-9_-]{2,79}$/),
    basis: z.union([z.string().max(10).openapi({ format: "date" }), z.null()]).openapi({
      description:
        "The date of conclusion, whose member states receive certified copies; null before the conclusion, or when the date is known only to the month or year",
      example: "2026-12-10",
    }),
    logKept: z.boolean().openapi({
      description:
        "true when the registry kept the log from the conclusion; false for agreements concluded before the registry, whose log holds archive entries only",
    }),
    complete: z.boolean().nullable().openapi({
      description:
        "Every member state of the date of conclusion was forwarded a certified copy; null when that cannot be said (no basis, or a state not recorded)",
    }),
    members: z.array(MemberCopySchema).max(MAX_LIST),
    forwarded: codes(),
    missing: codes(),
    notRecorded: codes(),
    original: z
      .union([DepositaryActionSchema, z.null()])
      .openapi({ description: "The receipt of the original, if on record" }),
    rats: z
      .union([DepositaryActionSchema, z.null()])
      .openapi({ description: "The copy forwarded to the SCO RATS (as applicable), if on record" }),
    actions: z.array(DepositaryActionSchema).max(MAX_LIST).openapi({ description: "The whole log, in date order" }),
  })
  .openapi("DepositaryStatus", {
    example: {
      agreementId: "sco-asean-culture-2026",
      basis: "2026-12-10",
      logKept: true,
      complete: false,
      members: [
        { state: "KAZ", copy: "forwarded" as const, forward: forwardExample },
        { state: "RUS", copy: "missing" as const, forward: null },
      ],
      forwarded: ["KAZ"],
      missing: ["RUS"],
      notRecorded: [],
      original: null,
      rats: null,
      actions: [forwardExample],
    },
  });

export const recipientOf = (row: Pick<DepositaryRow, "recipientKind" | "recipientStateId">): Recipient | null =>
  row.recipientKind === "rats"
    ? { kind: "rats" }
    : row.recipientKind === "member_state" && row.recipientStateId
      ? { kind: "member_state", state: row.recipientStateId }
      : null;

/** A row as the domain's fact, keeping the wire form alongside for the answer. */
export function toFact(row: DepositaryRow) {
  const date = validPartialDate(row.date);
  return { action: row.action as DepositaryAction, date, recipient: recipientOf(row), wire: toWireAction(row) };
}

export const toWireAction = (row: DepositaryRow) => ({
  id: row.id,
  action: row.action as DepositaryAction,
  date: { date: row.date, precision: row.precision as PartialDate["precision"] },
  recipient: recipientOf(row),
  reference: row.reference,
  actor: row.actor,
  sources: JSON.parse(row.sources) as string[],
  recordedAt: row.createdAt,
});
