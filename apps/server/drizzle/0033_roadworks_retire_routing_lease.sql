CREATE TABLE "rw_district_departments" (
	"district_code" text PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
DROP INDEX "rw_intersections_name";--> statement-breakpoint
DROP INDEX "rw_segments_road_seq";--> statement-breakpoint
DROP INDEX "rw_segments_ends";--> statement-breakpoint
ALTER TABLE "rw_exchange_requests" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "rw_exchange_requests" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rw_intersections" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rw_intersections" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "rw_intersections" ADD COLUMN "updated_by" integer;--> statement-breakpoint
ALTER TABLE "rw_segments" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rw_district_departments" ADD CONSTRAINT "rw_district_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_district_departments" ADD CONSTRAINT "rw_district_departments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rw_intersections" ADD CONSTRAINT "rw_intersections_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rw_intersections_name" ON "rw_intersections" USING btree ("name") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rw_segments_road_seq" ON "rw_segments" USING btree ("road_id","seq") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rw_segments_ends" ON "rw_segments" USING btree ("road_id","from_intersection_id","to_intersection_id") WHERE retired_at is null;