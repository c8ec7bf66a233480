CREATE TABLE "citizen_identity_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "citizen_identity_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"openid" text NOT NULL,
	"version" integer NOT NULL,
	"account_id" bigint,
	"mobile_enc" text,
	"changes" text[] NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hub_pushes" DROP CONSTRAINT "hub_pushes_kind";--> statement-breakpoint
ALTER TABLE "citizen_identities" ADD COLUMN "mobile_enc" text;--> statement-breakpoint
ALTER TABLE "citizen_identities" ADD COLUMN "mobile_idx" text;--> statement-breakpoint
ALTER TABLE "citizen_identities" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "hub_services" ADD COLUMN "state" text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "citizen_identity_history" ADD CONSTRAINT "citizen_identity_history_openid_citizen_identities_openid_fk" FOREIGN KEY ("openid") REFERENCES "public"."citizen_identities"("openid") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_identity_history_uq" ON "citizen_identity_history" USING btree ("openid","version");--> statement-breakpoint
ALTER TABLE "hub_pushes" ADD CONSTRAINT "hub_pushes_kind" CHECK ("hub_pushes"."kind" in ('service', 'content', 'case'));--> statement-breakpoint
ALTER TABLE "hub_services" ADD CONSTRAINT "hub_services_state" CHECK ("hub_services"."state" in ('draft', 'registered'));--> statement-breakpoint
-- The version a filed identity already crossed with: 2 once mapped to a local account (as before this column).
UPDATE "citizen_identities" SET "version" = 2 WHERE "account_id" IS NOT NULL;
