CREATE TABLE `agreement_counterparties` (
	`agreement_id` text NOT NULL,
	`party_id` text NOT NULL,
	PRIMARY KEY(`agreement_id`, `party_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_counterparties_party_idx` ON `agreement_counterparties` (`party_id`,`agreement_id`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title_en` text NOT NULL,
	`title_ru` text,
	`title_zh` text,
	`lifecycle` text NOT NULL,
	`proposed_date` text,
	`proposed_precision` text,
	`signed_date` text,
	`signed_precision` text,
	`signed_window_start` text,
	`in_force_date` text,
	`in_force_precision` text,
	`ended_date` text,
	`ended_precision` text,
	`place` text,
	`signatories` text DEFAULT '[]' NOT NULL,
	`authorising_decision` text,
	`sources` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agreements_lifecycle_idx` ON `agreements` (`lifecycle`,`id`);--> statement-breakpoint
CREATE INDEX `agreements_signed_idx` ON `agreements` (`signed_window_start`,`id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor_key_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`request_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_key_id`,`id`);--> statement-breakpoint
CREATE TABLE `changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `changes_entity_idx` ON `changes` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`agreement_id` text NOT NULL,
	`state_id` text NOT NULL,
	`decision` text NOT NULL,
	`date` text NOT NULL,
	`reference` text,
	`source` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`agreement_id`, `state_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`state_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`api_key_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text NOT NULL,
	`response_headers` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`api_key_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `parties` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`alpha2` text,
	`name_en` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_zh` text NOT NULL,
	`full_name_en` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `parties_alpha2_unique` ON `parties` (`alpha2`);--> statement-breakpoint
CREATE INDEX `parties_kind_id_idx` ON `parties` (`kind`,`id`);--> statement-breakpoint
CREATE TABLE `status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`party_id` text NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`decision` text,
	`body` text,
	`place` text,
	`note` text,
	`sources` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_events_party_window_idx` ON `status_events` (`party_id`,`window_start`,`id`);--> statement-breakpoint
CREATE INDEX `status_events_window_idx` ON `status_events` (`window_start`,`id`);--> statement-breakpoint
CREATE INDEX `status_events_status_window_idx` ON `status_events` (`status`,`window_start`,`id`);--> statement-breakpoint
CREATE TABLE `status_periods` (
	`party_id` text NOT NULL,
	`party_kind` text NOT NULL,
	`status` text NOT NULL,
	`from_date` text NOT NULL,
	`from_precision` text NOT NULL,
	`from_window_start` text NOT NULL,
	`from_window_end` text NOT NULL,
	`to_date` text,
	`to_precision` text,
	`to_window_start` text,
	`to_window_end` text,
	`next_status` text,
	`start_event_id` integer NOT NULL,
	`end_event_id` integer,
	PRIMARY KEY(`party_id`, `start_event_id`),
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_periods_kind_status_party_idx` ON `status_periods` (`party_kind`,`status`,`party_id`);--> statement-breakpoint
CREATE INDEX `status_periods_kind_party_idx` ON `status_periods` (`party_kind`,`party_id`);--> statement-breakpoint
CREATE INDEX `status_periods_status_party_idx` ON `status_periods` (`status`,`party_id`);