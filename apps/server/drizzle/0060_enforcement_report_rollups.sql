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
