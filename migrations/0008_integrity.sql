CREATE TABLE `id_sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `agreements` ADD `consents_recorded` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `client_request_id` text;--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `status_events_identity_unique` ON `status_events` (`party_id`,`status`,`kind`,`date`);--> statement-breakpoint
-- Status-event ids come from this sequence (src/db/schema.ts, idSequences); it starts after the
-- data migration's ids, and the trigger keeps it ahead of any id written by other means.
INSERT INTO `id_sequences` (`name`, `last`) SELECT 'status_events', coalesce(max(`id`), 0) FROM `status_events`;
--> statement-breakpoint
CREATE TRIGGER `status_events_advance_sequence` AFTER INSERT ON `status_events` BEGIN UPDATE `id_sequences` SET `last` = max(`last`, NEW.`id`) WHERE `name` = 'status_events'; END;
--> statement-breakpoint
-- The agreements loaded by the data migration were concluded before the registry: their consents
-- are not recorded here (a distinct state from "missing").
UPDATE `agreements` SET `consents_recorded` = false;
