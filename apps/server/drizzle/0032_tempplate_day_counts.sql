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
ALTER TABLE "tempplate_department_days" ADD CONSTRAINT "tempplate_department_days_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;