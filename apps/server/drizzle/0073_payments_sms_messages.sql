CREATE TABLE "sms_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sms_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"batch_id" text NOT NULL,
	"template_code" text NOT NULL,
	"phone_enc" text,
	"phone_idx" text,
	"state" text NOT NULL,
	"error_code" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"msg_id" text,
	"reported_at" timestamp with time zone,
	CONSTRAINT "sms_messages_state" CHECK ("sms_messages"."state" in ('quiet-hours', 'template', 'limit', 'retry', 'sent', 'delivered', 'undelivered', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_batch_uq" ON "sms_messages" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "sms_messages_phone_idx" ON "sms_messages" USING btree ("phone_idx","id");--> statement-breakpoint
CREATE INDEX "sms_messages_state_idx" ON "sms_messages" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "sms_messages_template_idx" ON "sms_messages" USING btree ("template_code","id");--> statement-breakpoint
CREATE INDEX "sms_messages_created_idx" ON "sms_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sms_messages_msg_idx" ON "sms_messages" USING btree ("msg_id");