CREATE TABLE "publish_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "publish_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"content_id" bigint NOT NULL,
	"digest" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publish_attachments" ADD CONSTRAINT "publish_attachments_content_id_publish_contents_id_fk" FOREIGN KEY ("content_id") REFERENCES "public"."publish_contents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publish_attachments_content_digest_uq" ON "publish_attachments" USING btree ("content_id","digest");--> statement-breakpoint
CREATE INDEX "publish_attachments_digest_idx" ON "publish_attachments" USING btree ("digest");