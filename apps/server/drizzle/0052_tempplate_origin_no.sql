ALTER TABLE "tempplate_businesses" ADD COLUMN "origin_no" text;--> statement-breakpoint
CREATE INDEX "tempplate_businesses_origin_idx" ON "tempplate_businesses" USING btree ("origin_no","issued_at");