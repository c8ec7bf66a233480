CREATE TABLE "hub_pushes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hub_pushes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"business_key" text NOT NULL,
	"version" integer NOT NULL,
	"op" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "hub_pushes_state" CHECK ("hub_pushes"."state" in ('pending', 'sent', 'failed', 'superseded')),
	CONSTRAINT "hub_pushes_kind" CHECK ("hub_pushes"."kind" in ('service', 'content'))
);
--> statement-breakpoint
CREATE TABLE "hub_services" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hub_services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"service_code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"online_url" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"synced_version" integer,
	"updated_by" bigint NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hub_services_status" CHECK ("hub_services"."status" in ('online', 'offline'))
);
--> statement-breakpoint
ALTER TABLE "citizen_accounts" ADD COLUMN "name_idx" text;--> statement-breakpoint
CREATE UNIQUE INDEX "hub_pushes_uq" ON "hub_pushes" USING btree ("kind","business_key","version","op");--> statement-breakpoint
CREATE INDEX "hub_pushes_state_idx" ON "hub_pushes" USING btree ("state","id");--> statement-breakpoint
CREATE UNIQUE INDEX "hub_services_code_uq" ON "hub_services" USING btree ("service_code");--> statement-breakpoint
CREATE INDEX "citizen_accounts_name_idx" ON "citizen_accounts" USING btree ("name_idx");--> statement-breakpoint
CREATE INDEX "citizen_accounts_name_unindexed" ON "citizen_accounts" USING btree ("id") WHERE "citizen_accounts"."name_enc" is not null and "citizen_accounts"."name_idx" is null;