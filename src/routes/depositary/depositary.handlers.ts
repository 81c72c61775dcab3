/** The depositary log of an agreement: reading it per member state, and recording the Secretariat's acts. */
import type { Db } from "../../db/client";
import { membersOn, resolveParties } from "../../db/parties";
import type { Lifecycle } from "../../domain/agreements";
import { today, validPartialDate } from "../../domain/dates";
import {
  type DepositaryAgreement,
  type DepositaryFact,
  type DepositaryProblem,
  depositaryBasis,
  depositaryProblems,
  depositaryReport,
  type Recipient,
} from "../../domain/depositary";
import { randomId } from "../../lib/crypto";
import { taggedJson } from "../../lib/etag";
import { refuseBeyondHorizon } from "../../lib/horizon";
import { ApiError } from "../../lib/problem";
import { commitWrite } from "../../lib/write";
import type { AppRouteHandler } from "../../types";
import type { AgreementRow } from "../agreements/agreements.queries";
import { loadAgreement } from "../agreements/agreements.service";
import {
  type DepositaryRow,
  depositaryAllowedSql,
  depositaryLogOf,
  insertDepositaryAction,
} from "./depositary.queries";
import type * as R from "./depositary.routes";
import { toFact } from "./depositary.schemas";

const depositaryAgreement = (row: AgreementRow): DepositaryAgreement => ({
  lifecycle: row.lifecycle as Lifecycle,
  signed: row.signedDate === null ? null : validPartialDate(row.signedDate),
  logKept: row.consentsRecorded,
});

/** The agreement's log and the member states on its date of conclusion, as the handler reads them. */
async function readLog(db: Db, row: AgreementRow) {
  const agreement = depositaryAgreement(row);
  const basis = depositaryBasis(agreement);
  const [members, log] = await Promise.all([
    basis ? membersOn(db, basis) : Promise.resolve([]),
    depositaryLogOf(db, row.id),
  ]);
  return { agreement, members, log };
}

/** The answer of both routes: the per-member view and the whole log, in the wire shape. */
function statusOf(
  agreementId: string,
  agreement: DepositaryAgreement,
  members: readonly string[],
  rows: readonly DepositaryRow[],
) {
  const facts = rows.map(toFact);
  const report = depositaryReport(agreement, members, facts);
  const wire = <F extends { wire: unknown }>(f: F | null) => (f ? (f.wire as ReturnType<typeof toFact>["wire"]) : null);
  return {
    agreementId,
    basis: report.basis,
    logKept: report.logKept,
    complete: report.complete,
    members: report.members.map((m) => ({ state: m.state, copy: m.copy, forward: wire(m.forward) })),
    forwarded: report.forwarded,
    missing: report.missing,
    notRecorded: report.notRecorded,
    original: wire(report.original),
    rats: wire(report.rats),
    actions: facts.map((f) => f.wire),
  };
}

export const getDepositary: AppRouteHandler<R.GetDepositaryRoute> = async (c) => {
  const row = await loadAgreement(c.var.db, c.req.valid("param").id);
  const { agreement, members, log } = await readLog(c.var.db, row);
  return taggedJson(c, statusOf(row.id, agreement, members, log));
};

/** Problems about the request's own content are 422; those about the agreement's state or log, 409. */
const STATUS_OF: Record<DepositaryProblem["code"], 409 | 422> = {
  "not-concluded": 409,
  "conclusion-date-imprecise": 409,
  "before-conclusion": 422,
  "not-a-member": 422,
  "already-recorded": 409,
  "prior-step-missing": 409,
  "before-prior-step": 422,
};

const FIELD_OF: Partial<Record<DepositaryProblem["code"], string>> = {
  "before-conclusion": "date",
  "before-prior-step": "date",
  "not-a-member": "recipient",
};

function problemError(agreementId: string, problems: DepositaryProblem[]) {
  const first = problems[0]!;
  const field = FIELD_OF[first.code];
  return new ApiError(STATUS_OF[first.code], {
    code: first.code === "already-recorded" ? "depositary-duplicate" : first.code,
    detail: `Agreement ${agreementId}: ${problems.map((p) => p.detail).join("; ")}`,
    extra: {
      problems: problems.map((p) => p.code),
      ...(field && { errors: [{ path: field, message: first.detail, code: "custom" }] }),
    },
  });
}

/** Why `next` cannot be recorded now, read afresh; null when it can. */
async function currentProblem(db: Db, agreementId: string, next: DepositaryFact) {
  const row = await loadAgreement(db, agreementId);
  const { agreement, members, log } = await readLog(db, row);
  const problems = depositaryProblems(agreement, members, log.map(toFact), next);
  return problems.length > 0 ? problemError(row.id, problems) : null;
}

export const recordDepositaryAction: AppRouteHandler<R.RecordDepositaryActionRoute> = async (c) => {
  const db = c.var.db;
  const now = today();
  const row = await loadAgreement(db, c.req.valid("param").id);
  const body = c.req.valid("json");
  const date = validPartialDate(body.date);
  refuseBeyondHorizon(date, now);
  let recipient: Recipient | null = null;
  if (body.recipient !== undefined) {
    if (body.recipient.toLowerCase() === "rats") recipient = { kind: "rats" };
    else {
      const [hit] = await resolveParties(db, [body.recipient]);
      if (hit?.party?.kind !== "state") {
        throw new ApiError(422, {
          code: "not-a-member",
          detail: `"${body.recipient}" is not a state in the registry; certified copies go to member states and to the SCO RATS ("rats")`,
          extra: { errors: [{ path: "recipient", message: "not a state", code: "custom" }] },
        });
      }
      recipient = { kind: "member_state", state: hit.party.id };
    }
  }
  const next: DepositaryFact = { action: body.action, date, recipient };
  const { agreement, members, log } = await readLog(db, row);
  const problems = depositaryProblems(agreement, members, log.map(toFact), next);
  if (problems.length > 0) throw problemError(row.id, problems);
  const inserted: DepositaryRow = {
    id: randomId("dep"),
    agreementId: row.id,
    action: body.action,
    date: date.value,
    precision: date.precision,
    windowStart: date.windowStart,
    windowEnd: date.windowEnd,
    recipientKind: recipient?.kind ?? null,
    recipientStateId: recipient?.kind === "member_state" ? recipient.state : null,
    reference: body.reference ?? null,
    actor: body.actor,
    sources: JSON.stringify(body.sources),
    createdAt: new Date().toISOString(),
  };
  const after = statusOf(
    row.id,
    agreement,
    members,
    [...log, inserted].sort((a, b) => a.windowStart.localeCompare(b.windowStart)),
  );
  const concurrent = () =>
    new ApiError(409, {
      code: "concurrent-change",
      detail: `The depositary log of ${row.id} changed while this act was recorded; reload it and retry`,
    });
  return commitWrite(c, {
    preconditions: [
      {
        condition: depositaryAllowedSql(row.id, { action: next.action, windowEnd: date.windowEnd, recipient }),
        error: async () => (await currentProblem(db, row.id, next)) ?? concurrent(),
      },
    ],
    // created_at is written as answered, so the answer and every later read agree.
    statements: [insertDepositaryAction(db, inserted)],
    record: {
      action: `depositary.${body.action}`,
      entityType: "depositary_action",
      entityId: `${row.id}/${inserted.id}`,
      before: null,
      after: { agreementId: row.id, ...toFact(inserted).wire },
    },
    publicChange: true,
    status: 201,
    body: after,
  });
};
