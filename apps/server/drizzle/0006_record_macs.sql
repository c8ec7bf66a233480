CREATE TABLE "record_macs" (
	"kind" text NOT NULL,
	"record_id" text NOT NULL,
	"mac" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_macs_kind_record_id_pk" PRIMARY KEY("kind","record_id")
);
