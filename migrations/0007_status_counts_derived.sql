-- status_counts_derived: for each status, the number of parties reported in it (begun for certain,
-- not ended for certain: isReportedOn in src/domain/periods.ts) from each day on which it changes.
-- A period counts +1 from the last day its start may fall on, -1 from the last day its end may fall
-- on; one whose end window closes no later than its start window (never reported) does not count.
CREATE VIEW `status_counts_derived` AS SELECT `status`, `day` AS `from_day`, sum(`delta`) OVER (PARTITION BY `status` ORDER BY `day`) AS `count` FROM (SELECT `status`, `day`, sum(`delta`) AS `delta` FROM (SELECT `status`, `from_window_end` AS `day`, 1 AS `delta` FROM `status_periods` WHERE `to_window_end` IS NULL OR `to_window_end` > `from_window_end` UNION ALL SELECT `status`, `to_window_end` AS `day`, -1 AS `delta` FROM `status_periods` WHERE `to_window_end` > `from_window_end`) GROUP BY `status`, `day`);
--> statement-breakpoint
INSERT INTO `status_counts` (`status`, `from_day`, `count`) SELECT `status`, `from_day`, `count` FROM `status_counts_derived`;
