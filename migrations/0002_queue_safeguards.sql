ALTER TABLE `requests` ADD `evidence` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Open requests from before the ledger: each check failing now is taken as failed on the evidence,
-- so a correction made before this release cannot have lifted the two-person rule.
UPDATE `requests` SET `evidence` = (
	SELECT coalesce(json_group_object(f.name, json_object(
		'failed_by', NULL,
		'failed_at', strftime('%Y-%m-%dT%H:%M:%fZ', `requests`.`first_message_at` / 1000.0, 'unixepoch'),
		'cleared_by', NULL,
		'cleared_at', NULL)), '{}')
	FROM (
		SELECT `key` AS name FROM json_each(`requests`.`checks`)
			WHERE (`key` = 'authentication' AND `value` IS NOT 'pass') OR (`key` <> 'authentication' AND `type` <> 'true')
		UNION ALL SELECT 'flagged' WHERE `requests`.`flagged` IS NOT NULL
	) f
) WHERE `status` IN ('incomplete', 'awaiting_verification', 'in_verification');
