CREATE TABLE "enf_standard_uploads" (
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"receipt_no" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enf_standard_uploads_record_type_record_id_pk" PRIMARY KEY("record_type","record_id")
);
--> statement-breakpoint
ALTER TABLE "pda_devices" ADD COLUMN "capabilities" text[] DEFAULT '{pda}'::text[] NOT NULL;