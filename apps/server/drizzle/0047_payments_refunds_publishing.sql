CREATE TABLE "fine_payment_refunds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fine_payment_refunds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"payment_id" bigint NOT NULL,
	"refund_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"refunded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fine_payment_refunds_amount" CHECK ("fine_payment_refunds"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "publish_contents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "publish_contents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_key" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"created_by" bigint NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" bigint,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"publish_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "publish_contents_state" CHECK ("publish_contents"."state" in ('draft', 'pending', 'published', 'rejected', 'withdrawn')),
	CONSTRAINT "publish_contents_kind" CHECK ("publish_contents"."kind" in ('notice', 'consultation')),
	CONSTRAINT "publish_contents_checker" CHECK ("publish_contents"."reviewed_by" is null or "publish_contents"."reviewed_by" <> "publish_contents"."created_by")
);
--> statement-breakpoint
ALTER TABLE "fine_payment_refunds" ADD CONSTRAINT "fine_payment_refunds_payment_id_fine_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."fine_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fine_payment_refunds_no_uq" ON "fine_payment_refunds" USING btree ("refund_no");--> statement-breakpoint
CREATE INDEX "fine_payment_refunds_payment_idx" ON "fine_payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "fine_payment_refunds_at_idx" ON "fine_payment_refunds" USING btree ("refunded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "publish_contents_version_uq" ON "publish_contents" USING btree ("item_key","version");--> statement-breakpoint
CREATE INDEX "publish_contents_public_idx" ON "publish_contents" USING btree ("state","publish_at");--> statement-breakpoint
CREATE INDEX "publish_contents_created_idx" ON "publish_contents" USING btree ("created_at");