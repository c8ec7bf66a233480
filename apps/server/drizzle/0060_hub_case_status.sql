ALTER TABLE "hub_pushes" DROP CONSTRAINT "hub_pushes_kind";--> statement-breakpoint
ALTER TABLE "hub_services" ADD COLUMN "state" text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "hub_pushes" ADD CONSTRAINT "hub_pushes_kind" CHECK ("hub_pushes"."kind" in ('service', 'content', 'case'));--> statement-breakpoint
ALTER TABLE "hub_services" ADD CONSTRAINT "hub_services_state" CHECK ("hub_services"."state" in ('draft', 'registered'));