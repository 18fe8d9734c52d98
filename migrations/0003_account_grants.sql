CREATE TABLE `account_grants` (
	`account_id` integer NOT NULL,
	`grant` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `grant`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_grants_grant_idx` ON `account_grants` (`grant`);