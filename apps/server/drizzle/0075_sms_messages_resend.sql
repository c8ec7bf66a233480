ALTER TABLE "sms_messages" ADD COLUMN "params_enc" text;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "resend_of" bigint;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_resend_of_sms_messages_id_fk" FOREIGN KEY ("resend_of") REFERENCES "public"."sms_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_resend_uq" ON "sms_messages" USING btree ("resend_of");