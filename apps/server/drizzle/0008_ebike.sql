CREATE SEQUENCE "public"."ebike_lsh_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9999999 START WITH 1 CACHE 1 CYCLE;--> statement-breakpoint
CREATE TABLE "ebike_businesses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ebike_businesses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lsh" text NOT NULL,
	"vehicle_id" bigint NOT NULL,
	"type" text NOT NULL,
	"ywlx" text,
	"ywyy" text,
	"reason" text,
	"changes" jsonb NOT NULL,
	"snapshot_enc" text NOT NULL,
	"corrects_id" bigint,
	"operator_id" integer,
	"operator_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_key" text,
	"signature" text,
	"sign_key_version" integer,
	"upload_status" text DEFAULT 'pending' NOT NULL,
	"upload_remote_id" text,
	"upload_error" text,
	"upload_attempts" integer DEFAULT 0 NOT NULL,
	"uploaded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ebike_plates" (
	"plate" text PRIMARY KEY NOT NULL,
	"plate_kind" text NOT NULL,
	"department_id" integer NOT NULL,
	"status" text DEFAULT 'free' NOT NULL,
	"vehicle_id" bigint,
	"available_from" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nm_vehicles" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nm_vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vehicle_type" text DEFAULT 'ebike' NOT NULL,
	"plate" text,
	"plate_kind" text NOT NULL,
	"zcbm" text NOT NULL,
	"motor_no" text NOT NULL,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"colours" text NOT NULL,
	"ccc_cert_no" text NOT NULL,
	"hgz_no" text,
	"battery_type" text NOT NULL,
	"battery_voltage" real NOT NULL,
	"purchase_date" text NOT NULL,
	"acquire_way" text NOT NULL,
	"origin_proof" text NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id_enc" text NOT NULL,
	"owner_id_idx" text NOT NULL,
	"owner_name_enc" text NOT NULL,
	"owner_phone_enc" text NOT NULL,
	"owner_phone_idx" text NOT NULL,
	"owner_address_enc" text NOT NULL,
	"district_code" text NOT NULL,
	"stolen" boolean DEFAULT false NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"lock_reason" text,
	"lock_department_id" integer,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	"department_id" integer NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ebike_businesses" ADD CONSTRAINT "ebike_businesses_vehicle_id_nm_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."nm_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ebike_businesses" ADD CONSTRAINT "ebike_businesses_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ebike_businesses" ADD CONSTRAINT "ebike_businesses_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ebike_plates" ADD CONSTRAINT "ebike_plates_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nm_vehicles" ADD CONSTRAINT "nm_vehicles_lock_department_id_departments_id_fk" FOREIGN KEY ("lock_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nm_vehicles" ADD CONSTRAINT "nm_vehicles_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ebike_businesses_lsh_uq" ON "ebike_businesses" USING btree ("lsh");--> statement-breakpoint
CREATE UNIQUE INDEX "ebike_businesses_request_key_uq" ON "ebike_businesses" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "ebike_businesses_vehicle_idx" ON "ebike_businesses" USING btree ("vehicle_id","id");--> statement-breakpoint
CREATE INDEX "ebike_businesses_upload_idx" ON "ebike_businesses" USING btree ("upload_status","id");--> statement-breakpoint
CREATE INDEX "ebike_plates_pick_idx" ON "ebike_plates" USING btree ("department_id","plate_kind","status","plate");--> statement-breakpoint
CREATE UNIQUE INDEX "nm_vehicles_plate_live_uq" ON "nm_vehicles" USING btree ("plate") WHERE not "nm_vehicles"."cancelled" and "nm_vehicles"."plate" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "nm_vehicles_zcbm_live_uq" ON "nm_vehicles" USING btree ("zcbm") WHERE not "nm_vehicles"."cancelled";--> statement-breakpoint
CREATE INDEX "nm_vehicles_plate_idx" ON "nm_vehicles" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "nm_vehicles_zcbm_idx" ON "nm_vehicles" USING btree ("zcbm");--> statement-breakpoint
CREATE INDEX "nm_vehicles_motor_idx" ON "nm_vehicles" USING btree ("motor_no");--> statement-breakpoint
CREATE INDEX "nm_vehicles_owner_id_idx" ON "nm_vehicles" USING btree ("owner_id_idx");--> statement-breakpoint
CREATE INDEX "nm_vehicles_owner_phone_idx" ON "nm_vehicles" USING btree ("owner_phone_idx");--> statement-breakpoint
CREATE INDEX "nm_vehicles_department_idx" ON "nm_vehicles" USING btree ("department_id");--> statement-breakpoint
-- The ledger is append-only: no delete; an update may only move the upload state, set the signature once,
-- or re-encrypt the snapshot (key rotation). Everything else is a new business (更正).
CREATE OR REPLACE FUNCTION ebike_businesses_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ebike_businesses is append-only';
  END IF;
  IF (NEW.id, NEW.lsh, NEW.vehicle_id, NEW.type, NEW.ywlx, NEW.ywyy, NEW.reason, NEW.changes, NEW.corrects_id, NEW.operator_id,
      NEW.operator_name, NEW.department_id, NEW.created_at, NEW.request_key)
     IS DISTINCT FROM
     (OLD.id, OLD.lsh, OLD.vehicle_id, OLD.type, OLD.ywlx, OLD.ywyy, OLD.reason, OLD.changes, OLD.corrects_id, OLD.operator_id,
      OLD.operator_name, OLD.department_id, OLD.created_at, OLD.request_key)
     OR (OLD.signature IS NOT NULL AND (NEW.signature, NEW.sign_key_version) IS DISTINCT FROM (OLD.signature, OLD.sign_key_version)) THEN
    RAISE EXCEPTION 'ebike_businesses is append-only: only upload state may change';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER ebike_businesses_append_only BEFORE UPDATE OR DELETE ON ebike_businesses
  FOR EACH ROW EXECUTE FUNCTION ebike_businesses_append_only();
