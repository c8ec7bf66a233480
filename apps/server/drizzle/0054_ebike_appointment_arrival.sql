ALTER TABLE "ebike_appointments" ADD COLUMN "arrival" text;--> statement-breakpoint
ALTER TABLE "ebike_appointments" ADD COLUMN "arrival_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ebike_appointments" ADD COLUMN "arrival_version" integer DEFAULT 0 NOT NULL;