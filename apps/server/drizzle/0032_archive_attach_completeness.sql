CREATE TABLE "archive_daily_completeness" (
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"complete" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "archive_daily_completeness_day_department_id_pk" PRIMARY KEY("day","department_id")
);
--> statement-breakpoint
CREATE TABLE "archive_unopened" (
	"business_id" bigint PRIMARY KEY NOT NULL,
	"lsh" text NOT NULL,
	"business_type" text NOT NULL,
	"department_id" integer NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_pages" ALTER COLUMN "captured_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "archive_pages" ADD COLUMN "captured_by_app" text;--> statement-breakpoint
ALTER TABLE "archive_daily_completeness" ADD CONSTRAINT "archive_daily_completeness_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_unopened" ADD CONSTRAINT "archive_unopened_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_unopened_dept_accepted_idx" ON "archive_unopened" USING btree ("department_id","accepted_at");--> statement-breakpoint
CREATE INDEX "ebike_businesses_created_idx" ON "ebike_businesses" USING btree ("created_at","id");