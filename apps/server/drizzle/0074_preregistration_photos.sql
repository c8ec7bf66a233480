ALTER TABLE "appointment_preregistrations" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ebike_preregistrations" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "appointment_preregistrations_photos_idx" ON "appointment_preregistrations" USING gin ("photos" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "ebike_preregistrations_photos_idx" ON "ebike_preregistrations" USING gin ("photos" jsonb_path_ops);