/**
 * The registry's tables and indexes; with the views and triggers of src/db/read-models.ts, the
 * whole database (`npm run db:generate` writes the migrations from both, and
 * test/db/schema-declarations.test.ts checks the migrated database is exactly these declarations).
 * Dates are kept as text with their precision; `*_window_*` columns hold the first and last day a
 * partial date may denote, so "as of" queries can use indexes.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, sqliteView, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () => text().notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const parties = sqliteTable(
  "parties",
  {
    /** ISO 3166-1 alpha-3 for states, a lowercase slug for organisations */
    id: text().primaryKey(),
    kind: text({ enum: ["state", "organisation"] }).notNull(),
    alpha2: text(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    nameZh: text().notNull(),
    /** organisations: the full name, e.g. "Commonwealth of Independent States" */
    fullNameEn: text(),
    /** identifiers that link out (issue 11); null where none is sourced. States' come from @rapideditor/country-coder at data-build time */
    m49: text(),
    /** a Wikidata item, e.g. "Q148" */
    wikidata: text(),
    /** organisations: the official site */
    website: text(),
    /** JSON object { codes?, wikidata?, website? }: the source of each identifier above */
    identifierSources: text().notNull().default("{}"),
    createdAt: createdAt(),
    /**
     * The party's status_periods rows as one JSON array of objects (see PeriodBoundsRow), kept by
     * triggers on status_periods (partyPeriods in src/db/read-models.ts); never written by the
     * app. "Status on a day" reads it with one point select, because a join with status_periods
     * costs about 15% of that read's throughput (README, Performance).
     */
    periods: text().notNull().default("[]"),
    /** the common English name where the UN short name (name_en) differs, e.g. "Russia" */
    commonNameEn: text(),
    /** JSON array of { name: { en }, until, sources }: official names the party no longer uses */
    formerNames: text().notNull().default("[]"),
    /**
     * JSON array of the party's contested spans (contestedSpans, src/domain/contested.ts), written
     * with every change to its log, so "status on a day" says `contested` from this same row.
     */
    contested: text().notNull().default("[]"),
  },
  (t) => [
    uniqueIndex("parties_alpha2_unique").on(t.alpha2),
    uniqueIndex("parties_m49_unique").on(t.m49),
    uniqueIndex("parties_wikidata_unique").on(t.wikidata),
    index("parties_kind_id_idx").on(t.kind, t.id),
  ],
);

export const statusEvents = sqliteTable(
  "status_events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    status: text().notNull(),
    kind: text().notNull(),
    date: text().notNull(),
    precision: text({ enum: ["year", "month", "day"] }).notNull(),
    windowStart: text().notNull(),
    windowEnd: text().notNull(),
    decision: text(),
    body: text(),
    place: text(),
    note: text(),
    /** JSON array of sources { title, url?, publisher, kind, language?, published?, accessed? }; never empty */
    sources: text().notNull(),
    /** high, medium or low: how firmly the sources establish the event */
    certainty: text({ enum: ["high", "medium", "low"] })
      .notNull()
      .default("high"),
    /** JSON array of other readings { date?, kind?, status?, note?, sources } where sources disagree */
    alternatives: text().notNull().default("[]"),
    /** the agreement (e.g. the memorandum) the event rests on, if the registry holds it */
    basisAgreementId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("status_events_party_window_idx").on(t.partyId, t.windowStart, t.id),
    index("status_events_window_idx").on(t.windowStart, t.id),
    index("status_events_status_window_idx").on(t.status, t.windowStart, t.id),
    // The same event (party, status, kind, date as stated) is recorded once: a second one is a 409.
    uniqueIndex("status_events_identity_unique").on(t.partyId, t.status, t.kind, t.date),
    // The events resting on an agreement (GET /v1/agreements/{id}).
    index("status_events_basis_idx").on(t.basisAgreementId, t.windowStart, t.id),
  ],
);

/**
 * Every version of every status event, as recorded over time (bitemporal: status_events.date is
 * the valid time, recorded_from/recorded_until the recorded time). status_events is the CURRENT
 * record (what the fast reads, parties.periods and status_counts are derived from); this table is
 * its history: every write of status_events writes its version row in the same batch
 * (src/db/versions.ts), a correction closes the open version and opens the next, a retraction
 * deletes the event from status_events and opens a `retracted` version. Never updated otherwise.
 * `record` is the status_events row as JSON (camelCase keys), whatever columns it has, so columns
 * added later are versioned without a change here.
 */
export const statusEventVersions = sqliteTable(
  "status_event_versions",
  {
    /** status_events.id; no foreign key: a retracted event is no longer in status_events */
    eventId: integer().notNull(),
    version: integer().notNull(),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    /** when this version became the record (ISO 8601 UTC, ms); the data migration's time for the seeded history */
    recordedFrom: text().notNull(),
    /** when the next version replaced it; null while it is the record */
    recordedUntil: text(),
    /** "recorded" (first version), "correction" or "retraction" */
    action: text({ enum: ["recorded", "correction", "retraction"] }).notNull(),
    /** the status_events row as JSON; for a retraction, the row as it was when retracted */
    record: text().notNull(),
    /** true for the version that retracted the event: from then on it is not in the record */
    retracted: integer({ mode: "boolean" }).notNull().default(false),
    /** why it was corrected or retracted; null for a first version */
    reason: text(),
    /** the API key (id and name, as the audit log records it); null for the data migration */
    actorKeyId: text(),
    actorName: text(),
    /** JSON array of the sources of the correction (citation strings or URLs) */
    sources: text().notNull().default("[]"),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.version] }),
    // "The party's log as recorded at T": one index range over the party's versions recorded by T.
    index("status_event_versions_party_recorded_idx").on(t.partyId, t.recordedFrom, t.recordedUntil),
    // Every party's log at T (the roster as recorded), and where the record begins (min recorded_from).
    index("status_event_versions_recorded_idx").on(t.recordedFrom, t.recordedUntil),
    // At most one open version per event: a second concurrent correction cannot leave two.
    uniqueIndex("status_event_versions_open_unique").on(t.eventId).where(sql`${t.recordedUntil} IS NULL`),
  ],
);

/** Derived from status_events by src/domain/periods.ts whenever a party's log changes; never edited by hand. */
export const statusPeriods = sqliteTable(
  "status_periods",
  {
    partyId: text()
      .notNull()
      .references(() => parties.id),
    partyKind: text().notNull(),
    status: text().notNull(),
    fromDate: text().notNull(),
    fromPrecision: text().notNull(),
    fromWindowStart: text().notNull(),
    fromWindowEnd: text().notNull(),
    toDate: text(),
    toPrecision: text(),
    toWindowStart: text(),
    toWindowEnd: text(),
    /** the status the ending event enters ("none" when the party left), null while the period lasts */
    nextStatus: text(),
    startEventId: integer().notNull(),
    endEventId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.partyId, t.startEventId] }),
    // Covering: the "reported on a day" filter reads the window columns from the index itself, so
    // walking a status's periods in party order never touches the table.
    index("status_periods_kind_status_party_cover_idx").on(
      t.partyKind,
      t.status,
      t.partyId,
      t.fromWindowEnd,
      t.toWindowEnd,
    ),
    index("status_periods_kind_party_cover_idx").on(t.partyKind, t.partyId, t.fromWindowEnd, t.toWindowEnd),
    index("status_periods_status_party_cover_idx").on(t.status, t.partyId, t.fromWindowEnd, t.toWindowEnd),
    // The roster's sparse statuses (few parties hold them on the day, many held them once): the
    // periods not yet ended on the day, found by one range rather than by walking every period of
    // the status in party order (listPeriodsOnQuery, src/db/party-lists.ts). An open end sorts last.
    index("status_periods_status_open_cover_idx").on(
      t.status,
      sql`coalesce(${t.toWindowEnd}, '9999-12-31')`,
      t.fromWindowEnd,
      t.partyId,
    ),
  ],
);

/**
 * How many parties are reported in each status (isReportedOn, src/domain/periods.ts) from
 * `fromDay` until the status's next row: running totals over status_periods, so the roster counts
 * a day with one index seek per status instead of a pass over every period. Derived from the view
 * status_counts_derived (statusCounts in src/db/read-models.ts); recomputed in the same batch as
 * every change to status_periods (`recountStatuses`), never edited by hand.
 */
export const statusCounts = sqliteTable(
  "status_counts",
  {
    status: text().notNull(),
    fromDay: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.fromDay] })],
);

/**
 * The running totals status_counts holds, computed from status_periods: drizzle's typed handle on
 * the view; its definition is in src/db/read-models.ts (drizzle-kit creates no SQL for `.existing()`).
 */
export const statusCountsDerived = sqliteView("status_counts_derived", {
  status: text().notNull(),
  fromDay: text().notNull(),
  count: integer().notNull(),
}).existing();

export const agreements = sqliteTable(
  "agreements",
  {
    id: text().primaryKey(),
    kind: text().notNull(),
    titleEn: text().notNull(),
    titleRu: text(),
    titleZh: text(),
    lifecycle: text().notNull(),
    proposedDate: text(),
    proposedPrecision: text(),
    signedDate: text(),
    signedPrecision: text(),
    /** first day of the signed date's window, for range filters and the consent rule */
    signedWindowStart: text(),
    inForceDate: text(),
    inForcePrecision: text(),
    endedDate: text(),
    endedPrecision: text(),
    place: text(),
    /** JSON array of { name, title?, on_behalf_of } */
    signatories: text().notNull().default("[]"),
    authorisingDecision: text(),
    /** JSON array of sources { title, url?, publisher, kind, ... } */
    sources: text().notNull().default("[]"),
    /** high, medium or low: how firmly the sources establish the signed date */
    certainty: text({ enum: ["high", "medium", "low"] })
      .notNull()
      .default("high"),
    /** JSON array of other readings of the signed date { date, note?, sources } */
    alternatives: text().notNull().default("[]"),
    note: text(),
    version: integer().notNull().default(1),
    /**
     * false for agreements concluded before the registry existed (the data migration): their
     * consents were given but are not recorded here, which is not the same as "missing".
     */
    consentsRecorded: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index("agreements_lifecycle_idx").on(t.lifecycle, t.id),
    index("agreements_signed_idx").on(t.signedWindowStart, t.id),
  ],
);

/**
 * Every version of every agreement (its dates and details), as recorded over time: the
 * agreement_versions row of version N is the agreements row when its `version` column was N.
 * Every write that bumps agreements.version writes the version row in the same batch
 * (src/db/versions.ts). `record` is the agreements row as JSON (camelCase keys), whatever columns it has.
 */
export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    version: integer().notNull(),
    recordedFrom: text().notNull(),
    recordedUntil: text(),
    /** "recorded" (the first version), "change" (a step or an edit), "correction" (of a date, with a reason) */
    action: text({ enum: ["recorded", "change", "correction"] }).notNull(),
    record: text().notNull(),
    reason: text(),
    actorKeyId: text(),
    actorName: text(),
    sources: text().notNull().default("[]"),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.version] }),
    index("agreement_versions_recorded_idx").on(t.agreementId, t.recordedFrom, t.recordedUntil),
    uniqueIndex("agreement_versions_open_unique").on(t.agreementId).where(sql`${t.recordedUntil} IS NULL`),
  ],
);

export const agreementCounterparties = sqliteTable(
  "agreement_counterparties",
  {
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    partyId: text()
      .notNull()
      .references(() => parties.id),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.partyId] }),
    index("agreement_counterparties_party_idx").on(t.partyId, t.agreementId),
  ],
);

export const consents = sqliteTable(
  "consents",
  {
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    stateId: text()
      .notNull()
      .references(() => parties.id),
    decision: text({ enum: ["consent", "objection"] }).notNull(),
    date: text().notNull(),
    reference: text(),
    source: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.stateId] })],
);

/**
 * The Secretariat's acts as depositary of an agreement: the original received, certified copies
 * made, and copies forwarded to a member state or to the SCO RATS (the rules: src/domain/depositary.ts).
 * An append-only log; the date is kept with its precision, as the source states it.
 */
export const depositaryActions = sqliteTable(
  "depositary_actions",
  {
    /** dep_ and 16 hex digits, made by the app before the write's batch */
    id: text().primaryKey(),
    agreementId: text()
      .notNull()
      .references(() => agreements.id),
    action: text({ enum: ["original_received", "certified_copy_made", "copy_forwarded"] }).notNull(),
    date: text().notNull(),
    precision: text({ enum: ["year", "month", "day"] }).notNull(),
    windowStart: text().notNull(),
    windowEnd: text().notNull(),
    /** copy_forwarded only: a member state (recipient_state_id) or the SCO Regional Anti-Terrorist Structure */
    recipientKind: text({ enum: ["member_state", "rats"] }),
    recipientStateId: text().references(() => parties.id),
    /** e.g. the number of the note verbale */
    reference: text(),
    /** who acted, e.g. "Legal Department of the SCO Secretariat" */
    actor: text().notNull(),
    /** JSON array of citation strings or URLs; never empty */
    sources: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("depositary_actions_agreement_idx").on(t.agreementId, t.windowStart, t.createdAt, t.id),
    // The original is received once, and each recipient's copy forwarded once (also checked by the write's guard).
    uniqueIndex("depositary_actions_original_unique").on(t.agreementId).where(sql`${t.action} = 'original_received'`),
    uniqueIndex("depositary_actions_state_copy_unique")
      .on(t.agreementId, t.recipientStateId)
      .where(sql`${t.recipientKind} = 'member_state'`),
    uniqueIndex("depositary_actions_rats_copy_unique").on(t.agreementId).where(sql`${t.recipientKind} = 'rats'`),
    check(
      "depositary_actions_recipient",
      sql`(${t.action} = 'copy_forwarded' AND ((${t.recipientKind} = 'member_state' AND ${t.recipientStateId} IS NOT NULL) OR (${t.recipientKind} = 'rats' AND ${t.recipientStateId} IS NULL))) OR (${t.action} <> 'copy_forwarded' AND ${t.recipientKind} IS NULL AND ${t.recipientStateId} IS NULL)`,
    ),
  ],
);

/**
 * A party's attendance at a named meeting as a guest (e.g. a summit): a dated fact listed per party,
 * not a status period.
 */
export const attendances = sqliteTable(
  "attendances",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    partyId: text()
      .notNull()
      .references(() => parties.id),
    meetingEn: text().notNull(),
    date: text().notNull(),
    precision: text({ enum: ["year", "month", "day"] }).notNull(),
    windowStart: text().notNull(),
    windowEnd: text().notNull(),
    place: text(),
    certainty: text({ enum: ["high", "medium", "low"] }).notNull(),
    note: text(),
    /** JSON array of sources; never empty */
    sources: text().notNull(),
    /** JSON array of other readings { date?, note?, sources } where sources disagree */
    alternatives: text().notNull().default("[]"),
  },
  (t) => [index("attendances_party_idx").on(t.partyId, t.windowStart, t.id)],
);

/** The SCO's own status in other organisations (e.g. observer in the UN General Assembly). */
export const scoStatuses = sqliteTable(
  "sco_statuses",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** the organisation, where the registry holds it as a party */
    counterpartyId: text().references(() => parties.id),
    counterpartyNameEn: text().notNull(),
    status: text().notNull(),
    date: text().notNull(),
    precision: text({ enum: ["year", "month", "day"] }).notNull(),
    windowStart: text().notNull(),
    windowEnd: text().notNull(),
    certainty: text({ enum: ["high", "medium", "low"] }).notNull(),
    note: text(),
    /** JSON array of sources; never empty */
    sources: text().notNull(),
    /** JSON array of other readings { date?, note?, sources } where sources disagree */
    alternatives: text().notNull().default("[]"),
  },
  (t) => [index("sco_statuses_window_idx").on(t.windowStart, t.id)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    role: text({ enum: ["editor", "admin"] }).notNull(),
    /** hex SHA-256 of the secret; the secret itself is shown once and never stored */
    hash: text().notNull(),
    prefix: text().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
    revokedAt: text(),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.hash)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorKeyId: text().notNull(),
    actorName: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: text(),
    after: text(),
    /** the server's id of the request (never the client's) */
    requestId: text().notNull(),
    /** the X-Request-Id the client sent, kept apart for its own correlation; never trusted as an id */
    clientRequestId: text(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.id),
    index("audit_log_actor_idx").on(t.actorKeyId, t.id),
  ],
);

/** The public change feed: one row per change to public data, in commit order. */
export const changes = sqliteTable(
  "changes",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: createdAt(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    /** JSON of the entity after the change (null when it was removed) */
    data: text(),
  },
  (t) => [index("changes_entity_idx").on(t.entityType, t.entityId, t.id)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    apiKeyId: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    responseBody: text().notNull(),
    responseHeaders: text().notNull().default("{}"),
    createdAt: createdAt(),
  },
  // Records expire (src/lib/idempotency-window.ts); the scheduled clean-up deletes by age.
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * Always empty. A write's batch starts by inserting a row whose `ok` is 1 only while what the
 * write read still holds (the agreement's version, the party's last event); otherwise the CHECK
 * fails and D1 rolls the whole batch back, so a stale write changes nothing. The batch deletes the
 * row again at its end.
 */
export const writeGuards = sqliteTable("write_guards", { ok: integer().notNull() }, (t) => [
  check("write_guards_ok", sql`${t.ok} = 1`),
]);

/**
 * Id sequences handed out before a write's batch (`UPDATE … RETURNING`), so that concurrent writes
 * for different parties never contend for the same id (max(id)+1 did). An allocated id that is
 * never used leaves a gap, as a database sequence does. A trigger keeps `last` ahead of ids
 * written by other means (statusEventSequence in src/db/read-models.ts).
 */
export const idSequences = sqliteTable("id_sequences", {
  name: text().primaryKey(),
  last: integer().notNull(),
});

/**
 * Who held the Secretariat's posts (Secretary-General, Deputy Secretaries-General), term by term,
 * with dates as precise as their sources and the decisions that nominated and approved them. The
 * rules (three years, no extension, a member state's citizen, the rotation) are in
 * src/domain/secretariat.ts; writes check them inside their batch (src/routes/secretariat/).
 */
export const secretariatTerms = sqliteTable(
  "secretariat_terms",
  {
    /** a lowercase slug, e.g. "sg-2019-vladimir-norov" */
    id: text().primaryKey(),
    post: text({ enum: ["secretary_general", "deputy_secretary_general"] }).notNull(),
    /** the title held where it differs from the post's (the first head was "Executive Secretary") */
    title: text(),
    /** a slug naming the person, so a second term of the same person is recognised */
    personId: text().notNull(),
    nameEn: text().notNull(),
    /** null where no source gives the name in Russian or Chinese: never transliterated here */
    nameRu: text(),
    nameZh: text(),
    stateId: text()
      .notNull()
      .references(() => parties.id),
    startDate: text().notNull(),
    startPrecision: text().notNull(),
    startWindowStart: text().notNull(),
    startWindowEnd: text().notNull(),
    /** the last day in office; null while the term is open or its end is not recorded */
    endDate: text(),
    endPrecision: text(),
    endWindowStart: text(),
    endWindowEnd: text(),
    nominatedBy: text(),
    nominationDate: text(),
    approvedBy: text(),
    approvalDate: text(),
    approvalPrecision: text(),
    approvalWindowEnd: text(),
    approvalPlace: text(),
    /** a sourced exception to the term rule (three years, no extension), if any */
    exception: text(),
    note: text(),
    /** JSON array of { field, stated, in, corrected, because }: typos in sources and what the data holds instead */
    corrections: text().notNull().default("[]"),
    /** JSON array of citation strings or URLs; never empty */
    sources: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("secretariat_terms_post_start_idx").on(t.post, t.startWindowStart, t.id),
    index("secretariat_terms_state_idx").on(t.stateId, t.startWindowStart),
  ],
);
