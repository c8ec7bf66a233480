ALTER TABLE "ebike_businesses" ADD COLUMN "upload_key" text;--> statement-breakpoint
ALTER TABLE "ebike_reconciliations" ADD COLUMN "local_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ebike_reconciliations" ADD COLUMN "count_mismatches" jsonb DEFAULT '[]'::jsonb NOT NULL;