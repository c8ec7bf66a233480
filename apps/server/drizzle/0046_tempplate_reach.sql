-- Generated, then edited: the columns are added nullable, filled from each order's warning (orders raised before
-- they existed), then made NOT NULL as the schema declares.
ALTER TABLE "tempplate_work_orders" ADD COLUMN "department_id" integer;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
UPDATE "tempplate_work_orders" o SET "department_id" = w."department_id", "issued_at" = w."issued_at" FROM "tempplate_warnings" w WHERE w."id" = o."warning_id";--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ALTER COLUMN "department_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ALTER COLUMN "issued_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD CONSTRAINT "tempplate_work_orders_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tempplate_work_orders_department_idx" ON "tempplate_work_orders" USING btree ("department_id","issued_at");
