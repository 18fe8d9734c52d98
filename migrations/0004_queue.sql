CREATE TABLE `request_approvals` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`approver_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`type` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`at` integer NOT NULL,
	`detail` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request_idx` ON `request_events` (`request_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `request_events_one_decision` ON `request_events` (`request_id`) WHERE "request_events"."type" in ('approved', 'rejected');--> statement-breakpoint
CREATE UNIQUE INDEX `request_events_clock_once` ON `request_events` (`request_id`,`type`) WHERE "request_events"."type" in ('due_soon', 'overdue');