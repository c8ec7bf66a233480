ALTER TABLE "appointment_bookings" ADD COLUMN "reminder_state" text;--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "appointment_bookings_reminder_idx" ON "appointment_bookings" USING btree ("day") WHERE "appointment_bookings"."state" = 'booked' and "appointment_bookings"."reminder_state" is null;