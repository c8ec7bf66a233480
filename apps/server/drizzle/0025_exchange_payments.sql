CREATE TABLE "exchange_channels" (
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"last_sequence" integer DEFAULT 0 NOT NULL,
	"watermark" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_channels_direction_channel_pk" PRIMARY KEY("direction","channel")
);
--> statement-breakpoint
CREATE TABLE "exchange_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"business_key" text NOT NULL,
	"version" bigint NOT NULL,
	"record" jsonb NOT NULL,
	"package_ref" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_packages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_packages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"package_id" text NOT NULL,
	"direction" text NOT NULL,
	"channel" text NOT NULL,
	"sequence" integer NOT NULL,
	"previous_sequence" integer NOT NULL,
	"business_type" text NOT NULL,
	"record_count" integer NOT NULL,
	"bytes" integer NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"resent_at" timestamp with time zone,
	CONSTRAINT "exchange_packages_direction" CHECK ("exchange_packages"."direction" in ('out', 'in')),
	CONSTRAINT "exchange_packages_state" CHECK ("exchange_packages"."state" in ('sealed', 'applied', 'duplicate', 'held', 'quarantined'))
);
--> statement-breakpoint
CREATE TABLE "exchange_records" (
	"channel" text NOT NULL,
	"business_key" text NOT NULL,
	"version" bigint NOT NULL,
	"record" jsonb NOT NULL,
	"package_ref" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_records_channel_business_key_pk" PRIMARY KEY("channel","business_key")
);
--> statement-breakpoint
CREATE TABLE "fine_payments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fine_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"merchant_order_no" text NOT NULL,
	"decision_no" text NOT NULL,
	"fine_fen" integer NOT NULL,
	"late_fee_fen" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"state" text NOT NULL,
	"refunded_fen" integer DEFAULT 0 NOT NULL,
	"channel_order_no" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fine_payments_state" CHECK ("fine_payments"."state" in ('created', 'paid', 'refunded', 'closed'))
);
--> statement-breakpoint
CREATE INDEX "exchange_outbox_waiting_idx" ON "exchange_outbox" USING btree ("channel","id") WHERE "exchange_outbox"."package_ref" is null;--> statement-breakpoint
CREATE INDEX "exchange_outbox_package_idx" ON "exchange_outbox" USING btree ("package_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_packages_id_uq" ON "exchange_packages" USING btree ("direction","package_id") WHERE "exchange_packages"."state" <> 'duplicate';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_packages_out_seq_uq" ON "exchange_packages" USING btree ("channel","sequence") WHERE "exchange_packages"."direction" = 'out';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_packages_applied_seq_uq" ON "exchange_packages" USING btree ("channel","sequence") WHERE "exchange_packages"."direction" = 'in' and "exchange_packages"."state" = 'applied';--> statement-breakpoint
CREATE INDEX "exchange_packages_list_idx" ON "exchange_packages" USING btree ("direction","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fine_payments_order_uq" ON "fine_payments" USING btree ("merchant_order_no");--> statement-breakpoint
CREATE UNIQUE INDEX "fine_payments_paid_uq" ON "fine_payments" USING btree ("decision_no") WHERE "fine_payments"."state" = 'paid';--> statement-breakpoint
CREATE INDEX "fine_payments_decision_idx" ON "fine_payments" USING btree ("decision_no");--> statement-breakpoint
CREATE INDEX "fine_payments_paid_at_idx" ON "fine_payments" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "nm_vehicles_changed_idx" ON "nm_vehicles" USING btree ("updated_at","id");