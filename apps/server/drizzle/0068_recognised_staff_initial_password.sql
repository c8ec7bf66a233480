CREATE TABLE "exchange_staff_passwords" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"password_enc" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recognised_staff" ADD COLUMN "initial_password_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exchange_staff_passwords" ADD CONSTRAINT "exchange_staff_passwords_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;