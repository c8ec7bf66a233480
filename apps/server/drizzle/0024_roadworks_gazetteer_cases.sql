CREATE TABLE "rw_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_no" text NOT NULL,
	"applicant" text NOT NULL,
	"works_type" text NOT NULL,
	"requested_from" date NOT NULL,
	"requested_to" date NOT NULL,
	"lanes" text NOT NULL,
	"traffic_plan" text NOT NULL,
	"attachments" jsonb DEFAULT '[]' NOT NULL,
	"location_text" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone,
	"filing_due_at" timestamp with time zone,
	"district_code" text,
	"department_id" integer,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision_reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_sync" text,
	"completed_at" date,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_exchange_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_exchange_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"request_id" text NOT NULL,
	"window_from" timestamp with time zone,
	"window_to" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"record_count" integer,
	"sm3" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rw_gazetteer_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_gazetteer_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_intersections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_intersections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"road_ids" integer[] NOT NULL,
	"district_code" text,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_placements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_placements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"segment_id" integer NOT NULL,
	"offset_m" integer,
	"period" daterange NOT NULL,
	"digging" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_road_names" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_road_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"road_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_roads" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_roads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}' NOT NULL,
	"former_names" text[] DEFAULT '{}' NOT NULL,
	"districts" text[] NOT NULL,
	"grade" text NOT NULL,
	"partial" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "rw_segments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_segments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"road_id" integer NOT NULL,
	"from_intersection_id" integer NOT NULL,
	"to_intersection_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"district_code" text,
	"geometry" jsonb,
	"protected_since" date,
	"protection_kind" text,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "rw_subdistricts" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rw_warnings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rw_warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"rule" text NOT NULL,
	"segment_id" integer NOT NULL,
	"district_code" text,
	"message" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rw_cases" ADD CONSTRAINT "rw_cases_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_cases" ADD CONSTRAINT "rw_cases_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_gazetteer_history" ADD CONSTRAINT "rw_gazetteer_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_placements" ADD CONSTRAINT "rw_placements_case_id_rw_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rw_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_placements" ADD CONSTRAINT "rw_placements_segment_id_rw_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."rw_segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_road_names" ADD CONSTRAINT "rw_road_names_road_id_rw_roads_id_fk" FOREIGN KEY ("road_id") REFERENCES "public"."rw_roads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_roads" ADD CONSTRAINT "rw_roads_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_segments" ADD CONSTRAINT "rw_segments_road_id_rw_roads_id_fk" FOREIGN KEY ("road_id") REFERENCES "public"."rw_roads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_segments" ADD CONSTRAINT "rw_segments_from_intersection_id_rw_intersections_id_fk" FOREIGN KEY ("from_intersection_id") REFERENCES "public"."rw_intersections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_segments" ADD CONSTRAINT "rw_segments_to_intersection_id_rw_intersections_id_fk" FOREIGN KEY ("to_intersection_id") REFERENCES "public"."rw_intersections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_segments" ADD CONSTRAINT "rw_segments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_warnings" ADD CONSTRAINT "rw_warnings_case_id_rw_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rw_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_warnings" ADD CONSTRAINT "rw_warnings_segment_id_rw_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."rw_segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rw_cases_case_no" ON "rw_cases" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "rw_cases_status" ON "rw_cases" USING btree ("status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rw_exchange_requests_name" ON "rw_exchange_requests" USING btree ("name");--> statement-breakpoint
CREATE INDEX "rw_exchange_requests_status" ON "rw_exchange_requests" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "rw_gazetteer_history_entity" ON "rw_gazetteer_history" USING btree ("entity","entity_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "rw_intersections_name" ON "rw_intersections" USING btree ("name");--> statement-breakpoint
CREATE INDEX "rw_intersections_roads" ON "rw_intersections" USING gin ("road_ids");--> statement-breakpoint
CREATE INDEX "rw_placements_case" ON "rw_placements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rw_placements_segment_period" ON "rw_placements" USING gist ("segment_id","period");--> statement-breakpoint
CREATE INDEX "rw_road_names_road" ON "rw_road_names" USING btree ("road_id");--> statement-breakpoint
CREATE INDEX "rw_road_names_key_prefix" ON "rw_road_names" USING btree ("key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rw_road_names_pinyin_prefix" ON "rw_road_names" USING btree ("pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rw_road_names_initials_prefix" ON "rw_road_names" USING btree ("initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rw_road_names_key_trgm" ON "rw_road_names" USING gin ("key" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "rw_segments_road_seq" ON "rw_segments" USING btree ("road_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "rw_segments_ends" ON "rw_segments" USING btree ("road_id","from_intersection_id","to_intersection_id");--> statement-breakpoint
CREATE INDEX "rw_warnings_case" ON "rw_warnings" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rw_warnings_district_rule" ON "rw_warnings" USING btree ("district_code","rule");--> statement-breakpoint
CREATE INDEX "nm_vehicles_registered_idx" ON "nm_vehicles" USING btree ("registered_at","id");