CREATE TABLE "ebike_upload_counts" (
	"department_id" integer NOT NULL,
	"status" text NOT NULL,
	"businesses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ebike_upload_counts_department_id_status_pk" PRIMARY KEY("department_id","status")
);
