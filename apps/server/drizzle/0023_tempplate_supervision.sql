CREATE TABLE "tempplate_businesses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tempplate_businesses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"body_digest" text NOT NULL,
	"plate" text NOT NULL,
	"vin" text NOT NULL,
	"vehicle_type" text NOT NULL,
	"case_type" text NOT NULL,
	"owner_id_type" text NOT NULL,
	"owner_name_enc" text NOT NULL,
	"owner_id_enc" text NOT NULL,
	"owner_id_idx" text NOT NULL,
	"owner_region" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_idx" text NOT NULL,
	"agent_enc" text,
	"agent_id_idx" text,
	"dealer_name" text,
	"dealer_uscc" text,
	"invoice_enc" text,
	"invoice_buyer_idx" text,
	"registered_owner_idx" text,
	"insurance_policy_no" text NOT NULL,
	"insurance_end" text NOT NULL,
	"materials" jsonb NOT NULL,
	"department_id" integer NOT NULL,
	"officer" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tempplate_order_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tempplate_order_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"order_version" integer NOT NULL,
	"action" text NOT NULL,
	"result" text,
	"text" text,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature" text NOT NULL,
	"sign_key_version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tempplate_param_sets" (
	"version" serial PRIMARY KEY NOT NULL,
	"digest" text NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tempplate_rollups" (
	"department_id" integer NOT NULL,
	"month" text NOT NULL,
	"rule" text NOT NULL,
	"raised" integer DEFAULT 0 NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"first_checked" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"confirmed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tempplate_rollups_department_id_month_rule_pk" PRIMARY KEY("department_id","month","rule")
);
--> statement-breakpoint
CREATE TABLE "tempplate_warnings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tempplate_warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"business_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"rule_version" integer NOT NULL,
	"param_set_version" integer NOT NULL,
	"severity" text NOT NULL,
	"summary" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"department_id" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tempplate_work_orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tempplate_work_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"warning_id" bigint NOT NULL,
	"state" text DEFAULT 'unassigned' NOT NULL,
	"check_department_id" integer,
	"review_department_id" integer,
	"check_result" text,
	"final_result" text,
	"due_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tempplate_businesses" ADD CONSTRAINT "tempplate_businesses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_order_steps" ADD CONSTRAINT "tempplate_order_steps_order_id_tempplate_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."tempplate_work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_order_steps" ADD CONSTRAINT "tempplate_order_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_rollups" ADD CONSTRAINT "tempplate_rollups_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_warnings" ADD CONSTRAINT "tempplate_warnings_business_id_tempplate_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."tempplate_businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_warnings" ADD CONSTRAINT "tempplate_warnings_param_set_version_tempplate_param_sets_version_fk" FOREIGN KEY ("param_set_version") REFERENCES "public"."tempplate_param_sets"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_warnings" ADD CONSTRAINT "tempplate_warnings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD CONSTRAINT "tempplate_work_orders_warning_id_tempplate_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."tempplate_warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD CONSTRAINT "tempplate_work_orders_check_department_id_departments_id_fk" FOREIGN KEY ("check_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD CONSTRAINT "tempplate_work_orders_review_department_id_departments_id_fk" FOREIGN KEY ("review_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tempplate_businesses_source_uq" ON "tempplate_businesses" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_vin_idx" ON "tempplate_businesses" USING btree ("vin","issued_at");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_issued_idx" ON "tempplate_businesses" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_department_idx" ON "tempplate_businesses" USING btree ("department_id","issued_at");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_owner_idx" ON "tempplate_businesses" USING btree ("owner_id_idx");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_phone_idx" ON "tempplate_businesses" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "tempplate_businesses_dealer_idx" ON "tempplate_businesses" USING btree ("dealer_uscc","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tempplate_order_steps_order_uq" ON "tempplate_order_steps" USING btree ("order_id","order_version");--> statement-breakpoint
CREATE UNIQUE INDEX "tempplate_param_sets_digest_uq" ON "tempplate_param_sets" USING btree ("digest");--> statement-breakpoint
CREATE UNIQUE INDEX "tempplate_warnings_business_rule_uq" ON "tempplate_warnings" USING btree ("business_id","rule");--> statement-breakpoint
CREATE INDEX "tempplate_warnings_department_idx" ON "tempplate_warnings" USING btree ("department_id","issued_at");--> statement-breakpoint
CREATE INDEX "tempplate_warnings_rule_idx" ON "tempplate_warnings" USING btree ("rule","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tempplate_work_orders_warning_uq" ON "tempplate_work_orders" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "tempplate_work_orders_check_idx" ON "tempplate_work_orders" USING btree ("check_department_id","state");--> statement-breakpoint
CREATE INDEX "tempplate_work_orders_review_idx" ON "tempplate_work_orders" USING btree ("review_department_id","state");--> statement-breakpoint
CREATE INDEX "tempplate_work_orders_due_idx" ON "tempplate_work_orders" USING btree ("due_at") WHERE "tempplate_work_orders"."state" <> 'closed';