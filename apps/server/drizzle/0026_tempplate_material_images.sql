ALTER TABLE "tempplate_businesses" ADD COLUMN "images" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tempplate_businesses" ADD COLUMN "invoice_reading_enc" text;