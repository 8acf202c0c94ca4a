ALTER TABLE "cache_purges" ADD COLUMN "sent_at" bigint;--> statement-breakpoint
ALTER TABLE "cache_purges" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "cache_purges" ADD COLUMN "claimed_until" bigint;--> statement-breakpoint
ALTER TABLE "cache_purges" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cache_purges" ADD COLUMN "owed_to" text;