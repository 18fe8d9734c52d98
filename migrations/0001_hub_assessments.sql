CREATE TABLE `assessment_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	`section` integer DEFAULT 1 NOT NULL,
	`mark` integer NOT NULL,
	`out_of` integer NOT NULL,
	`passed` integer NOT NULL,
	`recorded_by` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `hub_assessments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessment_attempts_marks" CHECK("assessment_attempts"."out_of" >= 1 and "assessment_attempts"."mark" between 0 and "assessment_attempts"."out_of")
);
--> statement-breakpoint
CREATE INDEX `assessment_attempts_account_idx` ON `assessment_attempts` (`account_id`,`assessment_id`);--> statement-breakpoint
CREATE TABLE `hidden_assessments` (
	`account_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	PRIMARY KEY(`account_id`, `assessment_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `hub_assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hub_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title_en` text NOT NULL,
	`title_cy` text NOT NULL,
	`for_invigilators` integer NOT NULL,
	`pass_mark` integer NOT NULL,
	`sections` integer DEFAULT 1 NOT NULL,
	`position` integer NOT NULL,
	CONSTRAINT "hub_assessments_pass_mark" CHECK("hub_assessments"."pass_mark" between 1 and 100),
	CONSTRAINT "hub_assessments_sections" CHECK("hub_assessments"."sections" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hub_assessments_code_unique` ON `hub_assessments` (`code`);