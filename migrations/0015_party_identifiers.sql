ALTER TABLE `parties` ADD `m49` text;--> statement-breakpoint
ALTER TABLE `parties` ADD `wikidata` text;--> statement-breakpoint
ALTER TABLE `parties` ADD `website` text;--> statement-breakpoint
ALTER TABLE `parties` ADD `identifier_sources` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `parties_m49_unique` ON `parties` (`m49`);--> statement-breakpoint
CREATE UNIQUE INDEX `parties_wikidata_unique` ON `parties` (`wikidata`);