CREATE TABLE `agreement_versions` (
	`agreement_id` text NOT NULL,
	`version` integer NOT NULL,
	`recorded_from` text NOT NULL,
	`recorded_until` text,
	`action` text NOT NULL,
	`record` text NOT NULL,
	`reason` text,
	`actor_key_id` text,
	`actor_name` text,
	`sources` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`agreement_id`, `version`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_versions_recorded_idx` ON `agreement_versions` (`agreement_id`,`recorded_from`,`recorded_until`);--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_versions_open_unique` ON `agreement_versions` (`agreement_id`) WHERE "agreement_versions"."recorded_until" IS NULL;--> statement-breakpoint
CREATE TABLE `status_event_versions` (
	`event_id` integer NOT NULL,
	`version` integer NOT NULL,
	`party_id` text NOT NULL,
	`recorded_from` text NOT NULL,
	`recorded_until` text,
	`action` text NOT NULL,
	`record` text NOT NULL,
	`retracted` integer DEFAULT false NOT NULL,
	`reason` text,
	`actor_key_id` text,
	`actor_name` text,
	`sources` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`event_id`, `version`),
	FOREIGN KEY (`party_id`) REFERENCES `parties`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_event_versions_party_recorded_idx` ON `status_event_versions` (`party_id`,`recorded_from`,`recorded_until`);--> statement-breakpoint
CREATE INDEX `status_event_versions_recorded_idx` ON `status_event_versions` (`recorded_from`,`recorded_until`);--> statement-breakpoint
CREATE UNIQUE INDEX `status_event_versions_open_unique` ON `status_event_versions` (`event_id`) WHERE "status_event_versions"."recorded_until" IS NULL;--> statement-breakpoint
-- The data migration is the first version of everything: each seeded status event and agreement,
-- recorded from the moment this migration runs (one instant for all rows of a table). `record` is
-- the row as JSON keyed like src/db/schema.ts (rowJson in src/db/versions.ts builds the same object
-- for later writes; test/routes/status-events.corrections.test.ts checks every row against its version).
INSERT INTO `status_event_versions` (`event_id`, `version`, `party_id`, `recorded_from`, `recorded_until`, `action`, `record`, `retracted`, `reason`, `actor_key_id`, `actor_name`, `sources`)
SELECT `id`, 1, `party_id`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 'recorded',
  json_object('id', `id`, 'partyId', `party_id`, 'status', `status`, 'kind', `kind`, 'date', `date`, 'precision', `precision`, 'windowStart', `window_start`, 'windowEnd', `window_end`, 'decision', `decision`, 'body', `body`, 'place', `place`, 'note', `note`, 'sources', `sources`, 'createdAt', `created_at`, 'certainty', `certainty`, 'alternatives', `alternatives`, 'basisAgreementId', `basis_agreement_id`),
  0, NULL, NULL, NULL, '[]'
FROM `status_events`;--> statement-breakpoint
INSERT INTO `agreement_versions` (`agreement_id`, `version`, `recorded_from`, `recorded_until`, `action`, `record`, `reason`, `actor_key_id`, `actor_name`, `sources`)
SELECT `id`, `version`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 'recorded',
  json_object('id', `id`, 'kind', `kind`, 'titleEn', `title_en`, 'titleRu', `title_ru`, 'titleZh', `title_zh`, 'lifecycle', `lifecycle`, 'proposedDate', `proposed_date`, 'proposedPrecision', `proposed_precision`, 'signedDate', `signed_date`, 'signedPrecision', `signed_precision`, 'signedWindowStart', `signed_window_start`, 'inForceDate', `in_force_date`, 'inForcePrecision', `in_force_precision`, 'endedDate', `ended_date`, 'endedPrecision', `ended_precision`, 'place', `place`, 'signatories', `signatories`, 'authorisingDecision', `authorising_decision`, 'sources', `sources`, 'version', `version`, 'consentsRecorded', `consents_recorded`, 'createdAt', `created_at`, 'updatedAt', `updated_at`, 'certainty', `certainty`, 'alternatives', `alternatives`, 'note', `note`),
  NULL, NULL, NULL, '[]'
FROM `agreements`;
