CREATE TABLE "appointment_preregistrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appointment_preregistrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"prereg_no" text NOT NULL,
	"department_code" text NOT NULL,
	"station" text NOT NULL,
	"openid" text NOT NULL,
	"id_number_idx" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"zcbm" text NOT NULL,
	"plate_wanted" text,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"invoice_no" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ebike_preregistrations" (
	"prereg_no" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"department_code" text NOT NULL,
	"department_id" integer,
	"station" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"zcbm" text NOT NULL,
	"plate_wanted" text,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"invoice_no" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"return_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer
);
--> statement-breakpoint
CREATE TABLE "recognised_staff" (
	"police_key" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ebike_preregistrations" ADD CONSTRAINT "ebike_preregistrations_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognised_staff" ADD CONSTRAINT "recognised_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_preregistrations_no_uq" ON "appointment_preregistrations" USING btree ("prereg_no");--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_preregistrations_citizen_zcbm_uq" ON "appointment_preregistrations" USING btree ("id_number_idx","zcbm");--> statement-breakpoint
CREATE INDEX "appointment_preregistrations_openid_idx" ON "appointment_preregistrations" USING btree ("openid","id");--> statement-breakpoint
CREATE INDEX "ebike_preregistrations_department_idx" ON "ebike_preregistrations" USING btree ("department_id","status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recognised_staff_user_uq" ON "recognised_staff" USING btree ("user_id");