CREATE TABLE "enf_standard_upload_attempts" (
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"format" text NOT NULL,
	"outcome" text NOT NULL,
	"receipt_no" text,
	"error" text,
	"record_digest" text NOT NULL,
	CONSTRAINT "enf_standard_upload_attempts_record_type_record_id_attempt_no_pk" PRIMARY KEY("record_type","record_id","attempt_no")
);
