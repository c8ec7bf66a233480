ALTER TABLE "tempplate_businesses" ADD COLUMN "images" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tempplate_businesses" ADD COLUMN "invoice_reading_enc" text;--> statement-breakpoint
CREATE INDEX "tempplate_businesses_agent_idx" ON "tempplate_businesses" USING btree ("agent_id_idx");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_officer_idx" ON "tempplate_businesses" USING btree ("officer");