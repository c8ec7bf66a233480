CREATE TABLE "tempplate_assign_turns" (
	"item" text PRIMARY KEY NOT NULL,
	"turn" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tempplate_dealer_days" (
	"dealer_uscc" text NOT NULL,
	"day" text NOT NULL,
	"businesses" integer DEFAULT 0 NOT NULL,
	"id_cards" integer DEFAULT 0 NOT NULL,
	"non_local" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tempplate_dealer_days_dealer_uscc_day_pk" PRIMARY KEY("dealer_uscc","day")
);
--> statement-breakpoint
CREATE TABLE "tempplate_department_days" (
	"department_id" integer NOT NULL,
	"day" text NOT NULL,
	"businesses" integer DEFAULT 0 NOT NULL,
	"id_cards" integer DEFAULT 0 NOT NULL,
	"non_local" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tempplate_department_days_department_id_day_pk" PRIMARY KEY("department_id","day")
);
--> statement-breakpoint
CREATE TABLE "tempplate_order_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tempplate_order_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"digest" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" integer,
	"uploader_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tempplate_work_orders" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tempplate_department_days" ADD CONSTRAINT "tempplate_department_days_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_order_attachments" ADD CONSTRAINT "tempplate_order_attachments_order_id_tempplate_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."tempplate_work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tempplate_order_attachments" ADD CONSTRAINT "tempplate_order_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tempplate_order_attachments_order_idx" ON "tempplate_order_attachments" USING btree ("order_id");