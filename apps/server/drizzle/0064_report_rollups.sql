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
CREATE TABLE "enf_device_reading_days" (
	"day" date NOT NULL,
	"device_code" text NOT NULL,
	"readings" integer DEFAULT 0 NOT NULL,
	"linked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "enf_device_reading_days_day_device_code_pk" PRIMARY KEY("day","device_code")
);
--> statement-breakpoint
CREATE TABLE "enf_ocr_days" (
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"field" text NOT NULL,
	"recognised" integer DEFAULT 0 NOT NULL,
	"corrected" integer DEFAULT 0 NOT NULL,
	"confidence_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "enf_ocr_days_day_department_id_field_pk" PRIMARY KEY("day","department_id","field")
);
--> statement-breakpoint
CREATE INDEX "ebike_plates_cooling_idx" ON "ebike_plates" USING btree ("available_from") WHERE "ebike_plates"."status" = 'free';