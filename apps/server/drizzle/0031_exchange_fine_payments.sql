CREATE TABLE "enf_fine_payments" (
	"decision_no" text PRIMARY KEY NOT NULL,
	"fine_fen" integer NOT NULL,
	"late_fee_fen" integer NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"channel_order_no" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_packages" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "exchange_packages" ADD COLUMN "confirmed_records" integer;--> statement-breakpoint
ALTER TABLE "fine_payments" ADD COLUMN "notice_phone_enc" text;--> statement-breakpoint
ALTER TABLE "fine_payments" ADD COLUMN "notice_msg_id" text;--> statement-breakpoint
ALTER TABLE "fine_payments" ADD COLUMN "notice_state" text;--> statement-breakpoint
CREATE INDEX "enf_violations_created_id_idx" ON "enf_violations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "exchange_records_possession_idx" ON "exchange_records" USING btree ("channel",("record"->>'possession'));--> statement-breakpoint
CREATE INDEX "fine_payments_notice_msg_idx" ON "fine_payments" USING btree ("notice_msg_id");