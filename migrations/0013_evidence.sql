CREATE TABLE `attendances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`party_id` text NOT NULL,
	`meeting_en` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`place` text,
	`certainty` text NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	`alternatives` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendances_party_idx` ON `attendances` (`party_id`,`window_start`,`id`);--> statement-breakpoint
CREATE TABLE `sco_statuses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`counterparty_id` text,
	`counterparty_name_en` text NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`certainty` text NOT NULL,
	`note` text,
	`sources` text NOT NULL,
	`alternatives` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`counterparty_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sco_statuses_window_idx` ON `sco_statuses` (`window_start`,`id`);--> statement-breakpoint
ALTER TABLE `agreements` ADD `certainty` text DEFAULT 'high' NOT NULL;--> statement-breakpoint
ALTER TABLE `agreements` ADD `alternatives` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `agreements` ADD `note` text;--> statement-breakpoint
ALTER TABLE `parties` ADD `common_name_en` text;--> statement-breakpoint
ALTER TABLE `parties` ADD `former_names` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `parties` ADD `contested` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `status_events` ADD `certainty` text DEFAULT 'high' NOT NULL;--> statement-breakpoint
ALTER TABLE `status_events` ADD `alternatives` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `status_events` ADD `basis_agreement_id` text;--> statement-breakpoint
CREATE INDEX `status_events_basis_idx` ON `status_events` (`basis_agreement_id`,`window_start`,`id`);