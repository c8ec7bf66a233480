-- Extensions the modules rely on (trigram search, exclusion constraints on ranges).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- 等保三级 AU-3: the audit trail is append-only. UPDATE is always refused; DELETE only for rows that an
-- archive batch has written out and that are older than the legal minimum retention (180 days).
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.ts > now() - interval '180 days'
     OR NOT EXISTS (SELECT 1 FROM audit_archives a WHERE OLD.id BETWEEN a.from_id AND a.to_id) THEN
    RAISE EXCEPTION 'audit_log is append-only: DELETE of unarchived or recent row % refused', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();
--> statement-breakpoint
-- Archive records are themselves immutable.
CREATE OR REPLACE FUNCTION audit_archives_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_archives is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_archives_immutable BEFORE UPDATE OR DELETE ON audit_archives FOR EACH ROW EXECUTE FUNCTION audit_archives_guard();
--> statement-breakpoint
-- 三员分立 (AC-4): no account may hold two of the system / security / audit administrator roles,
-- nor an administrator role together with a business role.
CREATE OR REPLACE FUNCTION user_roles_admin_exclusive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE kinds int; business int;
BEGIN
  SELECT count(DISTINCT r.admin_kind), count(*) FILTER (WHERE r.admin_kind IS NULL) INTO kinds, business
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id
   WHERE ur.user_id = NEW.user_id;
  IF kinds > 1 OR (kinds = 1 AND business > 0) THEN
    RAISE EXCEPTION 'user % would hold two separated administrator roles, or one with a business role', NEW.user_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'user_roles_admin_exclusive';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER user_roles_admin_exclusive AFTER INSERT OR UPDATE ON user_roles
  DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION user_roles_admin_exclusive();
--> statement-breakpoint
-- Built-in administrator roles cannot become something else.
ALTER TABLE roles ADD CONSTRAINT roles_admin_kind_ck CHECK (admin_kind IS NULL OR admin_kind IN ('system', 'security', 'audit'));
--> statement-breakpoint
ALTER TABLE roles ADD CONSTRAINT roles_data_scope_ck CHECK (data_scope IN ('all', 'dept_and_children', 'dept', 'self'));
--> statement-breakpoint
ALTER TABLE users ADD CONSTRAINT users_status_ck CHECK (status IN ('active', 'disabled'));
--> statement-breakpoint
ALTER TABLE jobs ADD CONSTRAINT jobs_state_ck CHECK (state IN ('pending', 'running', 'succeeded', 'failed', 'dead', 'cancelled'));
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_result_ck CHECK (result IN ('success', 'failure'));
