CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`centre_id` integer NOT NULL,
	`number` text NOT NULL,
	`surname` text NOT NULL,
	`forename` text NOT NULL,
	`surname_folded` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_centre_number_unique` ON `candidates` (`centre_id`,`number`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`marksheet_id` integer NOT NULL,
	`candidate_id` integer NOT NULL,
	`marks` text NOT NULL,
	`initials` text,
	`clerical` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`withdrawn_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`marksheet_id`) REFERENCES `marksheets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_sheet_candidate_unique` ON `entries` (`marksheet_id`,`candidate_id`);--> statement-breakpoint
CREATE TABLE `entry_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` integer,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `entry_files_entry_idx` ON `entry_files` (`entry_id`) WHERE "entry_files"."deleted_at" is null;--> statement-breakpoint
CREATE TABLE `mark_amendments` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`entry_id` integer NOT NULL,
	`component` text NOT NULL,
	`original_mark` text,
	`requested_mark` text NOT NULL,
	`reason` text NOT NULL,
	`applied_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `marksheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`centre_id` integer NOT NULL,
	`submitted_at` integer,
	`submitted_by` integer,
	`sample_rule` text,
	`moderator_id` integer,
	`report_outcome` text,
	`report_comments` text,
	`report_updated_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moderator_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `marksheets_unit_centre_unique` ON `marksheets` (`unit_id`,`centre_id`);--> statement-breakpoint
CREATE INDEX `marksheets_moderator_idx` ON `marksheets` (`moderator_id`);--> statement-breakpoint
CREATE TABLE `sample_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`marksheet_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`reason` text NOT NULL,
	`replaces_entry_id` integer,
	`replaced_at` integer,
	`replaced_reason` text,
	`moderator_marks` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`marksheet_id`) REFERENCES `marksheets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sample_members_entry_unique` ON `sample_members` (`entry_id`);--> statement-breakpoint
CREATE INDEX `sample_members_sheet_idx` ON `sample_members` (`marksheet_id`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_name_unique` ON `series` (`name`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`title_cy` text NOT NULL,
	`components` text NOT NULL,
	`teacher_initials` integer NOT NULL,
	`uploads` integer NOT NULL,
	`sample_deadline` text NOT NULL,
	`submission_deadline` text NOT NULL,
	`results_day` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_series_code_unique` ON `units` (`series_id`,`code`);