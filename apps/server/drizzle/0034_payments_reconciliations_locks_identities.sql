CREATE TABLE "citizen_identities" (
	"openid" text PRIMARY KEY NOT NULL,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_asserted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_query_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_reconciliations" (
	"day" date PRIMARY KEY NOT NULL,
	"matched" integer NOT NULL,
	"mismatch_count" integer NOT NULL,
	"mismatches" jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "fine_payments_created_idx" ON "fine_payments" USING btree ("created_at");