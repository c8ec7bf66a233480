ALTER TABLE "archives" ADD COLUMN "legal_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_reason" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_by" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_at" timestamp with time zone;