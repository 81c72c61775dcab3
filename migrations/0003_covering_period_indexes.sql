DROP INDEX `status_periods_kind_status_party_idx`;--> statement-breakpoint
DROP INDEX `status_periods_kind_party_idx`;--> statement-breakpoint
DROP INDEX `status_periods_status_party_idx`;--> statement-breakpoint
CREATE INDEX `status_periods_kind_status_party_cover_idx` ON `status_periods` (`party_kind`,`status`,`party_id`,`from_window_end`,`to_window_end`);--> statement-breakpoint
CREATE INDEX `status_periods_kind_party_cover_idx` ON `status_periods` (`party_kind`,`party_id`,`from_window_end`,`to_window_end`);--> statement-breakpoint
CREATE INDEX `status_periods_status_party_cover_idx` ON `status_periods` (`status`,`party_id`,`from_window_end`,`to_window_end`);