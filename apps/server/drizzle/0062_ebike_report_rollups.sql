CREATE TABLE "ebike_plate_counts" (
	"department_id" integer NOT NULL,
	"plate_kind" text NOT NULL,
	"status" text NOT NULL,
	"plates" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ebike_plate_counts_department_id_plate_kind_status_pk" PRIMARY KEY("department_id","plate_kind","status")
);
--> statement-breakpoint
CREATE TABLE "ebike_upload_counts" (
	"department_id" integer NOT NULL,
	"upload_status" text NOT NULL,
	"businesses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ebike_upload_counts_department_id_upload_status_pk" PRIMARY KEY("department_id","upload_status")
);
--> statement-breakpoint
CREATE INDEX "ebike_plates_cooling_idx" ON "ebike_plates" USING btree ("available_from") WHERE "ebike_plates"."status" = 'free';