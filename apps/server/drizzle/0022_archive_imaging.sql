CREATE TABLE "archive_daily_stats" (
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"officer_id" integer NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"archives_completed" integer DEFAULT 0 NOT NULL,
	"completion_delay_seconds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "archive_daily_stats_day_department_id_officer_id_pk" PRIMARY KEY("day","department_id","officer_id")
);
--> statement-breakpoint
CREATE TABLE "archive_pages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "archive_pages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"archive_id" bigint NOT NULL,
	"doc_type" text NOT NULL,
	"seq" integer NOT NULL,
	"digest" text NOT NULL,
	"mime" text NOT NULL,
	"width" integer,
	"height" integer,
	"thumb_digest" text,
	"display_digest" text,
	"source" text NOT NULL,
	"reason" text,
	"added_in_version" integer NOT NULL,
	"removed_in_version" integer,
	"replaces_page_id" bigint,
	"captured_by" integer NOT NULL,
	"captured_by_name" text NOT NULL,
	"captured_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_requirements" (
	"business_type" text NOT NULL,
	"owner_type" text NOT NULL,
	"applicant" text NOT NULL,
	"doc_type" text NOT NULL,
	"min_pages" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_requirements_business_type_owner_type_applicant_doc_type_pk" PRIMARY KEY("business_type","owner_type","applicant","doc_type")
);
--> statement-breakpoint
CREATE TABLE "archives" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "archives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"business_id" bigint NOT NULL,
	"lsh" text NOT NULL,
	"vehicle_id" bigint NOT NULL,
	"business_type" text NOT NULL,
	"owner_type" text NOT NULL,
	"applicant" text NOT NULL,
	"plate" text,
	"zcbm" text NOT NULL,
	"owner_id_idx" text NOT NULL,
	"department_id" integer NOT NULL,
	"security_label" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"missing" text DEFAULT '[]' NOT NULL,
	"signature" text,
	"sign_key_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_pages" ADD CONSTRAINT "archive_pages_archive_id_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."archives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_pages" ADD CONSTRAINT "archive_pages_digest_blobs_digest_fk" FOREIGN KEY ("digest") REFERENCES "public"."blobs"("digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_pages" ADD CONSTRAINT "archive_pages_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_pages_archive_idx" ON "archive_pages" USING btree ("archive_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "archives_business_uq" ON "archives" USING btree ("business_id");--> statement-breakpoint
CREATE UNIQUE INDEX "archives_lsh_uq" ON "archives" USING btree ("lsh");--> statement-breakpoint
CREATE INDEX "archives_plate_idx" ON "archives" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "archives_zcbm_idx" ON "archives" USING btree ("zcbm");--> statement-breakpoint
CREATE INDEX "archives_owner_id_idx" ON "archives" USING btree ("owner_id_idx");--> statement-breakpoint
CREATE INDEX "archives_vehicle_idx" ON "archives" USING btree ("vehicle_id");--> statement-breakpoint
CREATE INDEX "archives_dept_accepted_idx" ON "archives" USING btree ("department_id","accepted_at");--> statement-breakpoint
CREATE INDEX "archives_incomplete_idx" ON "archives" USING btree ("accepted_at") WHERE not "archives"."complete";