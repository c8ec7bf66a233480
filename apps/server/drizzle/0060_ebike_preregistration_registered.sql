ALTER TABLE "ebike_preregistrations" ADD COLUMN "business_id" bigint;--> statement-breakpoint
ALTER TABLE "ebike_preregistrations" ADD COLUMN "lsh" text;--> statement-breakpoint
ALTER TABLE "ebike_preregistrations" ADD COLUMN "registered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ebike_preregistrations" ADD CONSTRAINT "ebike_preregistrations_business_id_ebike_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."ebike_businesses"("id") ON DELETE no action ON UPDATE no action;