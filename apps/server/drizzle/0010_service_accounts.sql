CREATE TABLE "service_account_nonces" (
	"app_id" text NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_account_nonces_app_id_nonce_pk" PRIMARY KEY("app_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"app_id" text NOT NULL,
	"name" text NOT NULL,
	"department_id" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"scopes" text[] NOT NULL,
	"ip_allowlist" text[] NOT NULL,
	"sign_alg" text NOT NULL,
	"secret_enc" text,
	"previous_secret_enc" text,
	"public_key" text,
	"previous_public_key" text,
	"previous_valid_until" timestamp with time zone,
	"rate_limit_rps" double precision NOT NULL,
	"rate_limit_burst" integer NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_account_nonces_expires_idx" ON "service_account_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_accounts_app_id_uq" ON "service_accounts" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "service_accounts_department_idx" ON "service_accounts" USING btree ("department_id");