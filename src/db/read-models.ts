/**
 * The database's derived state: every view and trigger, each as the exact statement that creates
 * it. With src/db/schema.ts (tables and indexes) this is the whole database; nothing else may exist.
 *
 * Why not in schema.ts: drizzle-kit cannot declare triggers at all (drizzle-orm issue #843), and a
 * view declared with drizzle's `sqliteView().as()` would be generated in another place than the
 * triggers that read it. Views the app queries keep a typed `sqliteView(...).existing()` handle in
 * schema.ts (statusCountsDerived); their definition is here.
 *
 * Workflow: edit a statement here, run `npm run db:generate` (drizzle-kit for the tables, then
 * src/scripts/generate-read-models.ts writes a migration that drops and recreates what changed and
 * runs the read model's `refresh`). test/db/schema-declarations.test.ts fails while the migrated
 * database and these declarations (or schema.ts) disagree. Never edit an applied migration.
 */

export interface DbObject {
  type: "view" | "trigger";
  name: string;
  /** the CREATE statement, compared with sqlite_master.sql after `normaliseSql` */
  sql: string;
}

export interface ReadModel {
  objects: DbObject[];
  /** recompute the stored data from scratch; a migration that changes `objects` runs these after them */
  refresh: string[];
}

/**
 * One CREATE VIEW or CREATE TRIGGER statement; its type and name are read from the statement
 * itself. The source's indentation is removed, so a generated migration reads as written here.
 */
function ddl(source: string): DbObject {
  const [first = "", ...rest] = source.trim().split("\n");
  const indent = Math.min(...rest.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const sql = [first, ...rest.map((l) => l.slice(indent))].join("\n");
  const m = /^CREATE (VIEW|TRIGGER) `([^`]+)`/.exec(sql);
  if (!m) throw new Error(`not a CREATE VIEW or CREATE TRIGGER statement: ${sql.slice(0, 60)}`);
  return { type: m[1] === "VIEW" ? "view" : "trigger", name: m[2] as string, sql };
}

/**
 * SQLite keeps a CREATE statement's text as written (without the final semicolon); declarations
 * and the database are compared after collapsing whitespace, also inside brackets, so layout here
 * is free. (It also collapses whitespace inside string literals; none of these statements has any.)
 */
export const normaliseSql = (sql: string) =>
  sql.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")").trim().replace(/;$/, "");

/**
 * `parties.periods`: each party's status_periods rows as one JSON array (PeriodBoundsRow in
 * src/db/parties.ts), so "status on a day" is one point select. Written only by
 * these triggers, on every write to status_periods (the data migration, POST /v1/status-events,
 * any later tool), so no writer can forget it; the app never writes the column.
 */
export const partyPeriods: ReadModel = {
  objects: [
    ddl(`CREATE VIEW \`party_periods_json\` AS
      SELECT \`party_id\`, json_group_array(json_object(
        'status', \`status\`,
        'fromDate', \`from_date\`, 'fromPrecision', \`from_precision\`, 'fromWindowStart', \`from_window_start\`, 'fromWindowEnd', \`from_window_end\`,
        'toDate', \`to_date\`, 'toPrecision', \`to_precision\`, 'toWindowStart', \`to_window_start\`, 'toWindowEnd', \`to_window_end\`,
        'startEventId', \`start_event_id\`, 'endEventId', \`end_event_id\`
      )) AS \`periods\`
      FROM \`status_periods\` GROUP BY \`party_id\`;`),
    ddl(`CREATE TRIGGER \`status_periods_insert_party_periods\` AFTER INSERT ON \`status_periods\` BEGIN
      UPDATE \`parties\` SET \`periods\` = coalesce((SELECT \`periods\` FROM \`party_periods_json\` WHERE \`party_id\` = NEW.\`party_id\`), '[]')
      WHERE \`id\` = NEW.\`party_id\`;
    END;`),
    ddl(`CREATE TRIGGER \`status_periods_delete_party_periods\` AFTER DELETE ON \`status_periods\` BEGIN
      UPDATE \`parties\` SET \`periods\` = coalesce((SELECT \`periods\` FROM \`party_periods_json\` WHERE \`party_id\` = OLD.\`party_id\`), '[]')
      WHERE \`id\` = OLD.\`party_id\`;
    END;`),
    ddl(`CREATE TRIGGER \`status_periods_update_party_periods\` AFTER UPDATE ON \`status_periods\` BEGIN
      UPDATE \`parties\` SET \`periods\` = coalesce((SELECT \`periods\` FROM \`party_periods_json\` WHERE \`party_id\` = \`parties\`.\`id\`), '[]')
      WHERE \`id\` IN (OLD.\`party_id\`, NEW.\`party_id\`);
    END;`),
  ],
  refresh: [
    "UPDATE `parties` SET `periods` = coalesce((SELECT `periods` FROM `party_periods_json` WHERE `party_id` = `parties`.`id`), '[]');",
  ],
};

/**
 * `status_counts`: for each status, how many parties are reported in it (begun for certain, not
 * ended for certain: isReportedOn in src/domain/periods.ts) from each day on which that changes.
 * A period counts +1 from the last day its start may fall on, -1 from the last day its end may fall
 * on; one whose end window closes no later than its start window (never reported) does not count.
 * The view computes it; the app copies it into the table in every batch that changes status_periods
 * (`recountStatuses`, src/db/party-lists.ts), through drizzle's statusCountsDerived.
 */
export const statusCounts: ReadModel = {
  objects: [
    ddl(`CREATE VIEW \`status_counts_derived\` AS
      SELECT \`status\`, \`day\` AS \`from_day\`, sum(\`delta\`) OVER (PARTITION BY \`status\` ORDER BY \`day\`) AS \`count\`
      FROM (
        SELECT \`status\`, \`day\`, sum(\`delta\`) AS \`delta\`
        FROM (
          SELECT \`status\`, \`from_window_end\` AS \`day\`, 1 AS \`delta\` FROM \`status_periods\` WHERE \`to_window_end\` IS NULL OR \`to_window_end\` > \`from_window_end\`
          UNION ALL
          SELECT \`status\`, \`to_window_end\` AS \`day\`, -1 AS \`delta\` FROM \`status_periods\` WHERE \`to_window_end\` > \`from_window_end\`
        )
        GROUP BY \`status\`, \`day\`
      );`),
  ],
  refresh: [
    "DELETE FROM `status_counts`;",
    "INSERT INTO `status_counts` (`status`, `from_day`, `count`) SELECT `status`, `from_day`, `count` FROM `status_counts_derived`;",
  ],
};

/**
 * `id_sequences.last` for status events: the app allocates ids from it (`allocateEventId`,
 * src/routes/status-events/status-events.queries.ts); this trigger keeps it ahead of any id
 * written by other means (data migrations, tools), so the sequence never hands out a taken id.
 */
export const statusEventSequence: ReadModel = {
  objects: [
    ddl(`CREATE TRIGGER \`status_events_advance_sequence\` AFTER INSERT ON \`status_events\` BEGIN
      UPDATE \`id_sequences\` SET \`last\` = max(\`last\`, NEW.\`id\`) WHERE \`name\` = 'status_events';
    END;`),
  ],
  refresh: [
    "UPDATE `id_sequences` SET `last` = max(`last`, (SELECT coalesce(max(`id`), 0) FROM `status_events`)) WHERE `name` = 'status_events';",
  ],
};

/**
 * `agreement_versions`: a new open version closes the open one at the moment it begins, so a write
 * records the agreement's next version in ONE statement (recordAgreementVersion, src/db/versions.ts)
 * and the versions of an agreement follow each other without gap or overlap. BEFORE the insert: the
 * new row would otherwise meet the open one in agreement_versions_open_unique. Nothing is derived
 * from stored data, so nothing to refresh.
 */
export const agreementVersionsSuccession: ReadModel = {
  objects: [
    ddl(`CREATE TRIGGER \`agreement_versions_close_open\` BEFORE INSERT ON \`agreement_versions\` WHEN NEW.\`recorded_until\` IS NULL BEGIN
      UPDATE \`agreement_versions\` SET \`recorded_until\` = NEW.\`recorded_from\`
      WHERE \`agreement_id\` = NEW.\`agreement_id\` AND \`recorded_until\` IS NULL;
    END;`),
  ],
  refresh: [],
};

/** Every read model, in creation order (a view before the triggers that read it). */
export const readModels: ReadModel[] = [partyPeriods, statusCounts, statusEventSequence, agreementVersionsSuccession];

/** Every declared view and trigger, in creation order. */
export const declaredObjects: DbObject[] = readModels.flatMap((m) => m.objects);
