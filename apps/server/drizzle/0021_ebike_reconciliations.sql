CREATE TABLE "ebike_reconciliations" (
	"day" text PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"local_count" integer NOT NULL,
	"remote_count" integer NOT NULL,
	"remote_counts" jsonb NOT NULL,
	"missing" jsonb NOT NULL,
	"unknown" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ebike_businesses_uploaded_at_idx" ON "ebike_businesses" USING btree ("uploaded_at");