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
ALTER TABLE "archives" ADD COLUMN "disposal_reason" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposal_requested_by" integer;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposal_requested_by_name" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposal_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposed_by" integer;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposed_by_name" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "disposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "archive_daily_completeness" ADD CONSTRAINT "archive_daily_completeness_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_unopened" ADD CONSTRAINT "archive_unopened_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_unopened_dept_accepted_idx" ON "archive_unopened" USING btree ("department_id","accepted_at");--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_disposal_requested_by_users_id_fk" FOREIGN KEY ("disposal_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_disposed_by_users_id_fk" FOREIGN KEY ("disposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ebike_businesses_created_idx" ON "ebike_businesses" USING btree ("created_at","id");