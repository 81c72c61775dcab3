CREATE TABLE `status_counts` (
	`status` text NOT NULL,
	`from_day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`status`, `from_day`)
);
