CREATE TABLE "archive_warning_digests" (
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"incomplete" integer NOT NULL,
	"oldest_accepted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_warning_digests_day_department_id_pk" PRIMARY KEY("day","department_id")
);
--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_reason" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_by" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "legal_hold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "archive_warning_digests" ADD CONSTRAINT "archive_warning_digests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;