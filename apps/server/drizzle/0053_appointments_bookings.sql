CREATE TABLE "appointment_bookings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appointment_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"booking_no" text NOT NULL,
	"department_code" text NOT NULL,
	"station" text NOT NULL,
	"day" date NOT NULL,
	"slot" text NOT NULL,
	"plate" text,
	"vin" text,
	"id_number_idx" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"openid" text NOT NULL,
	"state" text DEFAULT 'booked' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ebike_appointments" (
	"booking_no" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"department_code" text NOT NULL,
	"department_id" integer,
	"station" text NOT NULL,
	"day" date NOT NULL,
	"slot" text NOT NULL,
	"plate" text,
	"vin" text,
	"id_number_masked" text NOT NULL,
	"phone_masked" text NOT NULL,
	"state" text NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ebike_appointments" ADD CONSTRAINT "ebike_appointments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_bookings_no_uq" ON "appointment_bookings" USING btree ("booking_no");--> statement-breakpoint
CREATE INDEX "appointment_bookings_slot_idx" ON "appointment_bookings" USING btree ("department_code","day","slot") WHERE "appointment_bookings"."state" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_bookings_citizen_slot_uq" ON "appointment_bookings" USING btree ("id_number_idx","department_code","day","slot") WHERE "appointment_bookings"."state" = 'booked';--> statement-breakpoint
CREATE INDEX "ebike_appointments_department_day_idx" ON "ebike_appointments" USING btree ("department_id","day","slot");--> statement-breakpoint
CREATE INDEX "ebike_appointments_day_idx" ON "ebike_appointments" USING btree ("day") WHERE "ebike_appointments"."department_id" is null;