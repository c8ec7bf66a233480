CREATE TABLE "blob_erasures" (
	"digest" text PRIMARY KEY NOT NULL,
	"cause" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"object_deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "archive_pages" ADD COLUMN "original_digest" text;--> statement-breakpoint
ALTER TABLE "archive_warning_digests" ADD COLUMN "unopened" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "blob_erasures" ADD CONSTRAINT "blob_erasures_digest_blobs_digest_fk" FOREIGN KEY ("digest") REFERENCES "public"."blobs"("digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_pages_digest_idx" ON "archive_pages" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "archive_pages_thumb_digest_idx" ON "archive_pages" USING btree ("thumb_digest");--> statement-breakpoint
CREATE INDEX "archive_pages_display_digest_idx" ON "archive_pages" USING btree ("display_digest");--> statement-breakpoint
CREATE INDEX "archive_pages_original_digest_idx" ON "archive_pages" USING btree ("original_digest") WHERE "archive_pages"."original_digest" is not null;--> statement-breakpoint
CREATE INDEX "archives_accepted_idx" ON "archives" USING btree ("accepted_at");