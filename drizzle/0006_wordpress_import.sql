CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`source` text,
	`status` text DEFAULT 'running' NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`report` text,
	`started_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `wordpress_imports` (
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`wp_key` text NOT NULL,
	`target_id` integer,
	`url` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`source`, `kind`, `wp_key`)
);
--> statement-breakpoint
CREATE INDEX `wordpress_imports_target_idx` ON `wordpress_imports` (`kind`,`target_id`);