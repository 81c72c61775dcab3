-- parties.periods is derived: each party's status_periods rows as one JSON array of objects, for
-- the one-row "status on a day" read. Triggers keep it in step with every write to status_periods
-- (the data migration, the status-event writes, any later tool), so no writer can forget it.
CREATE VIEW `party_periods_json` AS SELECT `party_id`, json_group_array(json_object('status', `status`, 'fromDate', `from_date`, 'fromPrecision', `from_precision`, 'fromWindowStart', `from_window_start`, 'fromWindowEnd', `from_window_end`, 'toDate', `to_date`, 'toPrecision', `to_precision`, 'toWindowStart', `to_window_start`, 'toWindowEnd', `to_window_end`, 'startEventId', `start_event_id`, 'endEventId', `end_event_id`)) AS `periods` FROM `status_periods` GROUP BY `party_id`;
--> statement-breakpoint
CREATE TRIGGER `status_periods_insert_party_periods` AFTER INSERT ON `status_periods` BEGIN UPDATE `parties` SET `periods` = coalesce((SELECT `periods` FROM `party_periods_json` WHERE `party_id` = NEW.`party_id`), '[]') WHERE `id` = NEW.`party_id`; END;
--> statement-breakpoint
CREATE TRIGGER `status_periods_delete_party_periods` AFTER DELETE ON `status_periods` BEGIN UPDATE `parties` SET `periods` = coalesce((SELECT `periods` FROM `party_periods_json` WHERE `party_id` = OLD.`party_id`), '[]') WHERE `id` = OLD.`party_id`; END;
--> statement-breakpoint
CREATE TRIGGER `status_periods_update_party_periods` AFTER UPDATE ON `status_periods` BEGIN UPDATE `parties` SET `periods` = coalesce((SELECT `periods` FROM `party_periods_json` WHERE `party_id` = `parties`.`id`), '[]') WHERE `id` IN (OLD.`party_id`, NEW.`party_id`); END;
--> statement-breakpoint
UPDATE `parties` SET `periods` = coalesce((SELECT `periods` FROM `party_periods_json` WHERE `party_id` = `parties`.`id`), '[]');
