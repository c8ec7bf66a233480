CREATE TABLE "auth_captchas" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"answer_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "auth_captchas_source_idx" ON "auth_captchas" USING btree ("source","created_at");