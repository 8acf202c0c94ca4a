CREATE TABLE `digest_sections` (
	`user_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `category_id`),
	FOREIGN KEY (`user_id`) REFERENCES `digest_subscriptions`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `digest_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`slot` text NOT NULL,
	`status` text DEFAULT 'sending' NOT NULL,
	`email` text NOT NULL,
	`article_ids` text NOT NULL,
	`window_end` integer NOT NULL,
	`message_id` text,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_sends_user_slot_unique` ON `digest_sends` (`user_id`,`slot`);--> statement-breakpoint
CREATE INDEX `digest_sends_created_idx` ON `digest_sends` (`created_at`);--> statement-breakpoint
CREATE INDEX `digest_sends_status_idx` ON `digest_sends` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`frequency` text DEFAULT 'twice-weekly' NOT NULL,
	`hour` integer DEFAULT 7 NOT NULL,
	`timezone` text NOT NULL,
	`covered_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_subscriptions_frequency_idx` ON `digest_subscriptions` (`frequency`);--> statement-breakpoint
CREATE TABLE `digest_tags` (
	`user_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tag_id`),
	FOREIGN KEY (`user_id`) REFERENCES `digest_subscriptions`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
