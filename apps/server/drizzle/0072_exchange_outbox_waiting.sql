CREATE TABLE "exchange_outbox_waiting" (
	"channel" text NOT NULL,
	"outbox_id" bigint NOT NULL,
	CONSTRAINT "exchange_outbox_waiting_channel_outbox_id_pk" PRIMARY KEY("channel","outbox_id")
);
--> statement-breakpoint
DROP INDEX "exchange_outbox_waiting_idx";--> statement-breakpoint
DROP INDEX "exchange_outbox_package_idx";--> statement-breakpoint
ALTER TABLE "exchange_packages" ADD COLUMN "outbox_ids" bigint[];--> statement-breakpoint
ALTER TABLE "exchange_outbox_waiting" ADD CONSTRAINT "exchange_outbox_waiting_outbox_id_exchange_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."exchange_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Data: what still waits gets its waiting mark, what was sealed is named by its package (before package_ref goes).
INSERT INTO "exchange_outbox_waiting" ("channel", "outbox_id") SELECT "channel", "id" FROM "exchange_outbox" WHERE "package_ref" IS NULL;--> statement-breakpoint
UPDATE "exchange_packages" p SET "outbox_ids" = (SELECT array_agg(o."id" ORDER BY o."id") FROM "exchange_outbox" o WHERE o."package_ref" = p."id") WHERE p."direction" = 'out';--> statement-breakpoint
ALTER TABLE "exchange_outbox" DROP COLUMN "package_ref";