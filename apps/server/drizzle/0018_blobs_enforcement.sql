CREATE SEQUENCE "public"."enf_decision_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."enf_voucher_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "enf_blood_samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"breath_test_id" uuid,
	"sample_no" text NOT NULL,
	"institution" text NOT NULL,
	"drawer" text NOT NULL,
	"drawn_at" timestamp with time zone NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result_mg_per_100ml" real,
	"request_digest" text NOT NULL,
	"officer_id" integer NOT NULL,
	"officer_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"device_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enf_blood_samples_sample_no_unique" UNIQUE("sample_no")
);
--> statement-breakpoint
CREATE TABLE "enf_breath_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tester_code" text NOT NULL,
	"calibration_date" date NOT NULL,
	"brac_mg_per_l" real NOT NULL,
	"bac_mg_per_100ml" real NOT NULL,
	"verdict" text NOT NULL,
	"accepted" boolean NOT NULL,
	"party_id_enc" text NOT NULL,
	"party_id_idx" text NOT NULL,
	"party_name_enc" text NOT NULL,
	"plate" text,
	"place" text NOT NULL,
	"tested_at" timestamp with time zone NOT NULL,
	"request_digest" text NOT NULL,
	"officer_id" integer NOT NULL,
	"officer_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"device_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enf_detentions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"voucher_no" text NOT NULL,
	"ground" text NOT NULL,
	"traffic_mode" text NOT NULL,
	"description" text NOT NULL,
	"plate" text,
	"party_id_enc" text NOT NULL,
	"party_id_idx" text NOT NULL,
	"party_name_enc" text NOT NULL,
	"storage_place" text NOT NULL,
	"detained_at" timestamp with time zone NOT NULL,
	"violation_id" uuid,
	"released_at" timestamp with time zone,
	"release_note" text,
	"released_by" text,
	"request_digest" text NOT NULL,
	"officer_id" integer NOT NULL,
	"officer_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"device_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enf_detentions_voucher_no_unique" UNIQUE("voucher_no")
);
--> statement-breakpoint
CREATE TABLE "enf_device_readings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enf_device_readings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"device_code" text NOT NULL,
	"message_id" text NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"brac_mg_per_l" real NOT NULL,
	"breath_test_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enf_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_type" text NOT NULL,
	"record_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"request_digest" text NOT NULL,
	"officer_id" integer NOT NULL,
	"officer_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"device_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enf_violations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_no" text NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"code_version" text NOT NULL,
	"traffic_mode" text NOT NULL,
	"party_id_enc" text NOT NULL,
	"party_id_idx" text NOT NULL,
	"party_name_enc" text NOT NULL,
	"plate" text,
	"place" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"corrected" boolean NOT NULL,
	"harm" boolean NOT NULL,
	"fine" integer NOT NULL,
	"first_violation" jsonb NOT NULL,
	"education_record_no" text,
	"ocr" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"request_digest" text NOT NULL,
	"officer_id" integer NOT NULL,
	"officer_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"device_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enf_violations_decision_no_unique" UNIQUE("decision_no")
);
--> statement-breakpoint
CREATE TABLE "blob_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"digest" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"digest" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"key_version" integer NOT NULL,
	"backend" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enf_blood_samples" ADD CONSTRAINT "enf_blood_samples_breath_test_id_enf_breath_tests_id_fk" FOREIGN KEY ("breath_test_id") REFERENCES "public"."enf_breath_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_blood_samples" ADD CONSTRAINT "enf_blood_samples_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_blood_samples" ADD CONSTRAINT "enf_blood_samples_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_breath_tests" ADD CONSTRAINT "enf_breath_tests_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_breath_tests" ADD CONSTRAINT "enf_breath_tests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_detentions" ADD CONSTRAINT "enf_detentions_violation_id_enf_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."enf_violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_detentions" ADD CONSTRAINT "enf_detentions_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_detentions" ADD CONSTRAINT "enf_detentions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_device_readings" ADD CONSTRAINT "enf_device_readings_breath_test_id_enf_breath_tests_id_fk" FOREIGN KEY ("breath_test_id") REFERENCES "public"."enf_breath_tests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_photos" ADD CONSTRAINT "enf_photos_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_photos" ADD CONSTRAINT "enf_photos_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_violations" ADD CONSTRAINT "enf_violations_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enf_violations" ADD CONSTRAINT "enf_violations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_uploads" ADD CONSTRAINT "blob_uploads_digest_blobs_digest_fk" FOREIGN KEY ("digest") REFERENCES "public"."blobs"("digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enf_blood_samples_department_created_idx" ON "enf_blood_samples" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "enf_breath_tests_tester_time_idx" ON "enf_breath_tests" USING btree ("tester_code","tested_at");--> statement-breakpoint
CREATE INDEX "enf_breath_tests_department_created_idx" ON "enf_breath_tests" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "enf_detentions_department_created_idx" ON "enf_detentions" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enf_device_readings_message_uq" ON "enf_device_readings" USING btree ("device_code","message_id");--> statement-breakpoint
CREATE INDEX "enf_device_readings_device_time_idx" ON "enf_device_readings" USING btree ("device_code","measured_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enf_photos_record_digest_uq" ON "enf_photos" USING btree ("record_id","digest");--> statement-breakpoint
CREATE INDEX "enf_photos_department_created_idx" ON "enf_photos" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "enf_violations_party_code_idx" ON "enf_violations" USING btree ("party_id_idx","code","occurred_at");--> statement-breakpoint
CREATE INDEX "enf_violations_plate_code_idx" ON "enf_violations" USING btree ("plate","code","occurred_at");--> statement-breakpoint
CREATE INDEX "enf_violations_officer_created_idx" ON "enf_violations" USING btree ("officer_id","created_at");--> statement-breakpoint
CREATE INDEX "enf_violations_department_created_idx" ON "enf_violations" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "blob_uploads_created_idx" ON "blob_uploads" USING btree ("created_at");