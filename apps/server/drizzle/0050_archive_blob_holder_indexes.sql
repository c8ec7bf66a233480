CREATE INDEX "enf_photos_digest_idx" ON "enf_photos" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_images_idx" ON "tempplate_businesses" USING gin ("images" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "tempplate_order_attachments_digest_idx" ON "tempplate_order_attachments" USING btree ("digest");