ALTER TABLE "jobs" ADD COLUMN "progress_done" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "progress_total" integer;