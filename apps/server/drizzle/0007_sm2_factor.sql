CREATE TABLE "user_sm2_keys" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_by" integer
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "factor_challenge" text;--> statement-breakpoint
ALTER TABLE "user_sm2_keys" ADD CONSTRAINT "user_sm2_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;