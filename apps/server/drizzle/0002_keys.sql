CREATE TABLE "crypto_keys" (
	"purpose" text NOT NULL,
	"version" integer NOT NULL,
	"algorithm" text NOT NULL,
	"wrapped" text NOT NULL,
	"public_key" text,
	"kek_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "crypto_keys_purpose_version_pk" PRIMARY KEY("purpose","version")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "crypto_keys_active_uq" ON "crypto_keys" USING btree ("purpose") WHERE "crypto_keys"."status" = 'active';