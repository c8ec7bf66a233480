ALTER TABLE "enf_fine_payments" ADD COLUMN "refunded_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enf_fine_payments" ADD COLUMN "refunded_at" timestamp with time zone;