ALTER TABLE "ebike_businesses" ADD COLUMN "request_digest" text;--> statement-breakpoint
ALTER TABLE "nm_vehicles" ADD COLUMN "security_label" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "clearance" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "nm_vehicles" ADD CONSTRAINT "nm_vehicles_security_label_known" CHECK ("nm_vehicles"."security_label" in ('public', 'internal', 'sensitive', 'confidential'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_clearance_known" CHECK ("users"."clearance" in ('public', 'internal', 'sensitive', 'confidential'));--> statement-breakpoint
-- The digest of the request that first used an Idempotency-Key is as immutable as the key itself.
CREATE OR REPLACE FUNCTION ebike_businesses_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ebike_businesses is append-only';
  END IF;
  IF (NEW.id, NEW.lsh, NEW.vehicle_id, NEW.type, NEW.ywlx, NEW.ywyy, NEW.reason, NEW.changes, NEW.corrects_id, NEW.operator_id,
      NEW.operator_name, NEW.department_id, NEW.created_at, NEW.request_key, NEW.request_digest)
     IS DISTINCT FROM
     (OLD.id, OLD.lsh, OLD.vehicle_id, OLD.type, OLD.ywlx, OLD.ywyy, OLD.reason, OLD.changes, OLD.corrects_id, OLD.operator_id,
      OLD.operator_name, OLD.department_id, OLD.created_at, OLD.request_key, OLD.request_digest)
     OR (OLD.signature IS NOT NULL AND (NEW.signature, NEW.sign_key_version) IS DISTINCT FROM (OLD.signature, OLD.sign_key_version)) THEN
    RAISE EXCEPTION 'ebike_businesses is append-only: only upload state may change';
  END IF;
  RETURN NEW;
END $$;
