CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`centre_id` integer,
	`account_type` text,
	`staff_role` text,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`title` text,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`job_title` text,
	`language` text DEFAULT 'en' NOT NULL,
	`telephone` text,
	`hub_role` text,
	`reset_required_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "accounts_kind_shape" CHECK(("accounts"."kind" = 'centre' and "accounts"."centre_id" is not null and "accounts"."account_type" is not null and "accounts"."staff_role" is null)
       or ("accounts"."kind" = 'staff' and "accounts"."centre_id" is null and "accounts"."account_type" is null and "accounts"."staff_role" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_key_unique` ON `accounts` (`email_key`) WHERE "accounts"."status" <> 'deleted';--> statement-breakpoint
CREATE INDEX `accounts_centre_idx` ON `accounts` (`centre_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_one_eo_per_centre` ON `accounts` (`centre_id`) WHERE "accounts"."account_type" = 'eo' and "accounts"."status" <> 'deleted';--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`centre_id` integer,
	`action` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_centre_idx` ON `audit_log` (`centre_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `centres` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`address` text NOT NULL,
	`telephone` text NOT NULL,
	`language` text NOT NULL,
	`ukprn` text,
	`urn` text,
	`general_email` text,
	`post_results_email` text,
	`head_name` text NOT NULL,
	`head_email` text NOT NULL,
	`eo_name` text NOT NULL,
	`eo_email` text NOT NULL,
	`eo_telephone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `centres_number_unique` ON `centres` (`number`);--> statement-breakpoint
CREATE TABLE `account_grants` (
	`account_id` integer NOT NULL,
	`grant` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `grant`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_grants_grant_idx` ON `account_grants` (`grant`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `hub_assessments_code_unique` ON `hub_assessments` (`code`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_hash_unique` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invites_account_idx` ON `invites` (`account_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`to_address` text NOT NULL,
	`language` text NOT NULL,
	`template` text NOT NULL,
	`params` text NOT NULL,
	`headers` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `request_events_clock_once` ON `request_events` (`request_id`,`type`) WHERE "request_events"."type" in ('due_soon', 'overdue');--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mail_message_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mail_message_id`) REFERENCES `mail_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_message_idx` ON `attachments` (`mail_message_id`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`mailbox_key` text,
	`raw_sha256` text NOT NULL,
	`raw_path` text NOT NULL,
	`from_address` text,
	`subject` text,
	`sent_at` integer,
	`in_reply_to` text,
	`references` text NOT NULL,
	`request_id` integer,
	`outcome` text NOT NULL,
	`reason` text,
	`language` text,
	`authentication` text DEFAULT 'none' NOT NULL,
	`dismissed_at` integer,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_messages_message_id_unique` ON `mail_messages` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mail_messages_mailbox_key_unique` ON `mail_messages` (`mailbox_key`);--> statement-breakpoint
CREATE INDEX `mail_messages_request_idx` ON `mail_messages` (`request_id`);--> statement-breakpoint
CREATE TABLE `mailbox_state` (
	`mailbox` text PRIMARY KEY NOT NULL,
	`uid_validity` text NOT NULL,
	`last_uid` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`name` text NOT NULL,
	`passed` integer NOT NULL,
	`note` text,
	`actor_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_checks_request_idx` ON `request_checks` (`request_id`);--> statement-breakpoint
CREATE TABLE `request_fields` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` text NOT NULL,
	`source` text NOT NULL,
	`mail_message_id` integer,
	`actor_id` integer,
	`created_at` integer NOT NULL,
	`superseded_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mail_message_id`) REFERENCES `mail_messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_fields_request_idx` ON `request_fields` (`request_id`,`name`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`centre_id` integer,
	`language` text NOT NULL,
	`first_message_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`assignee_id` integer,
	`second_approver_id` integer,
	`checks` text NOT NULL,
	`missing` text NOT NULL,
	`flagged` text,
	`decision_reason` text,
	`last_auto_reply_at` integer,
	`warned_at` integer,
	`overdue_notified_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`centre_id`) REFERENCES `centres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`second_approver_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_reference_unique` ON `requests` (`reference`);--> statement-breakpoint
CREATE INDEX `requests_status_due_idx` ON `requests` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `requests_centre_idx` ON `requests` (`centre_id`);--> statement-breakpoint
CREATE TABLE `sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_account_idx` ON `api_tokens` (`account_id`);