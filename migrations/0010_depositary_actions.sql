CREATE TABLE `depositary_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`action` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	`recipient_kind` text,
	`recipient_state_id` text,
	`reference` text,
	`actor` text NOT NULL,
	`sources` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_state_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "depositary_actions_recipient" CHECK(("depositary_actions"."action" = 'copy_forwarded' AND (("depositary_actions"."recipient_kind" = 'member_state' AND "depositary_actions"."recipient_state_id" IS NOT NULL) OR ("depositary_actions"."recipient_kind" = 'rats' AND "depositary_actions"."recipient_state_id" IS NULL))) OR ("depositary_actions"."action" <> 'copy_forwarded' AND "depositary_actions"."recipient_kind" IS NULL AND "depositary_actions"."recipient_state_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `depositary_actions_agreement_idx` ON `depositary_actions` (`agreement_id`,`window_start`,`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `depositary_actions_original_unique` ON `depositary_actions` (`agreement_id`) WHERE "depositary_actions"."action" = 'original_received';--> statement-breakpoint
CREATE UNIQUE INDEX `depositary_actions_state_copy_unique` ON `depositary_actions` (`agreement_id`,`recipient_state_id`) WHERE "depositary_actions"."recipient_kind" = 'member_state';--> statement-breakpoint
CREATE UNIQUE INDEX `depositary_actions_rats_copy_unique` ON `depositary_actions` (`agreement_id`) WHERE "depositary_actions"."recipient_kind" = 'rats';