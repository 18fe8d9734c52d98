ALTER TABLE `attachments` ADD `read_as` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `read_failure` text;