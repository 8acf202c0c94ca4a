ALTER TABLE `cache_purges` ADD `sent_at` integer;--> statement-breakpoint
ALTER TABLE `cache_purges` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `cache_purges` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `cache_purges` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cache_purges` ADD `owed_to` text;