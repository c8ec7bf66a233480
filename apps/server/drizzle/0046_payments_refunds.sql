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
ALTER TABLE "fine_payment_refunds" ADD CONSTRAINT "fine_payment_refunds_payment_id_fine_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."fine_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fine_payment_refunds_no_uq" ON "fine_payment_refunds" USING btree ("refund_no");--> statement-breakpoint
CREATE INDEX "fine_payment_refunds_payment_idx" ON "fine_payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "fine_payment_refunds_at_idx" ON "fine_payment_refunds" USING btree ("refunded_at");