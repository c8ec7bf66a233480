CREATE TABLE "citizen_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "citizen_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id_number_idx" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"name_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_templates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sms_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_by" bigint,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" bigint,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "sms_templates_state" CHECK ("sms_templates"."state" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "sms_templates_checker" CHECK ("sms_templates"."reviewed_by" is null or "sms_templates"."created_by" is null or "sms_templates"."reviewed_by" <> "sms_templates"."created_by")
);
--> statement-breakpoint
ALTER TABLE "enf_fine_payments" ADD COLUMN "refunded_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "enf_fine_payments" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "citizen_identities" ADD COLUMN "account_id" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_accounts_id_number_idx_uq" ON "citizen_accounts" USING btree ("id_number_idx");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_templates_code_uq" ON "sms_templates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "sms_templates_created_idx" ON "sms_templates" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "citizen_identities" ADD CONSTRAINT "citizen_identities_account_id_citizen_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."citizen_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_identities_account_idx" ON "citizen_identities" USING btree ("account_id");