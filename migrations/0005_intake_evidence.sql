ALTER TABLE `attachments` ADD `read_as` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `read_failure` text;--> statement-breakpoint
ALTER TABLE `mail_messages` ADD `auth_detail` text;