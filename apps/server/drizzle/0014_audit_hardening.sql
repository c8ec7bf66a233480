CREATE TABLE "audit_chain_origin" (
	"legacy_max_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"link" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"key_version" integer NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_archives" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "error_code" text;--> statement-breakpoint
-- Audit rows up to here were written before chaining at insert; those the old sealer had not reached stay unchained.
INSERT INTO audit_chain_origin (legacy_max_id) SELECT coalesce(max(id), 0) FROM audit_log;
--> statement-breakpoint
-- The once-a-minute sealer is gone (rows are chained in the transaction that writes them).
DELETE FROM job_schedules WHERE name = 'audit-seal';
--> statement-breakpoint
UPDATE jobs SET state = 'cancelled' WHERE queue = 'audit-seal' AND state = 'pending';
--> statement-breakpoint
-- Every append-only table refuses TRUNCATE (issue 11: TRUNCATE audit_chain erased the chain). The trigger's argument
-- is the table's privilege class for the application role, read by grant_app_privileges():
--   read-only: SELECT; insert-only: SELECT, INSERT; no-delete: SELECT, INSERT, UPDATE (a row guard limits the update).
CREATE OR REPLACE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
DROP TRIGGER audit_log_no_truncate ON audit_log;
--> statement-breakpoint
DROP FUNCTION audit_log_no_truncate();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('insert-only');
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('insert-only');
--> statement-breakpoint
CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON audit_archives FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('insert-only');
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('insert-only');
--> statement-breakpoint
CREATE TRIGGER integrity_reports_no_truncate BEFORE TRUNCATE ON integrity_reports FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('insert-only');
--> statement-breakpoint
CREATE TRIGGER audit_chain_origin_no_truncate BEFORE TRUNCATE ON audit_chain_origin FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('read-only');
--> statement-breakpoint
CREATE TRIGGER ebike_businesses_no_truncate BEFORE TRUNCATE ON ebike_businesses FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate('no-delete');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_immutable BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER integrity_reports_immutable BEFORE UPDATE OR DELETE ON integrity_reports FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_origin_immutable BEFORE UPDATE OR DELETE ON audit_chain_origin FOR EACH ROW EXECUTE FUNCTION refuse_row_change();
--> statement-breakpoint
-- Chaining at insert (C2): the caller holds the chain lock until its transaction ends, reads the head with a fresh
-- snapshot, and gets the id of its row. An empty chain while chained-era rows exist is never silently restarted:
-- the caller writes an audit.chain.restart record first, which the integrity check reports.
CREATE OR REPLACE FUNCTION audit_chain_next(OUT previous text, OUT restart boolean, OUT next_id bigint) LANGUAGE plpgsql AS $$
BEGIN
  -- Under REPEATABLE READ the head read below would be the transaction's old snapshot, and the chain would fork.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit records must be written under READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(7241001);
  SELECT c.link INTO previous FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
  restart := false;
  IF previous IS NULL THEN
    restart := EXISTS (SELECT 1 FROM audit_log a WHERE a.id > (SELECT min(o.legacy_max_id) FROM audit_chain_origin o));
    IF restart THEN
      RAISE WARNING 'audit_chain is empty although chained audit rows exist: a new chain starts with an audit.chain.restart record';
    END IF;
    previous := '';
  END IF;
  next_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
END $$;
--> statement-breakpoint
-- The archive job deletes archived rows through this function, so the application role needs no DELETE on audit_log.
-- The row guard of audit_log still refuses rows that are recent or outside an archive range.
CREATE OR REPLACE FUNCTION archive_audit_rows(first_id bigint, last_id bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE n bigint;
BEGIN
  DELETE FROM public.audit_log WHERE id BETWEEN first_id AND last_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
-- N6 least privilege: run by the migration (owner) role after every migration when the application connects as
-- another role. DML only, by each table's class (refuse_truncate argument); never TRUNCATE, REFERENCES, TRIGGER or DDL.
CREATE OR REPLACE FUNCTION grant_app_privileges(app name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t record; privileges text;
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  FOR t IN
    SELECT c.oid::regclass AS tbl, c.relname,
           (SELECT split_part(encode(g.tgargs, 'escape'), '\000', 1) FROM pg_trigger g
             WHERE g.tgrelid = c.oid AND g.tgfoid = 'refuse_truncate'::regproc) AS class
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
  LOOP
    privileges := CASE
      WHEN t.relname = '__migrations' OR t.class = 'read-only' THEN 'SELECT'
      WHEN t.class = 'insert-only' THEN 'SELECT, INSERT'
      WHEN t.class = 'no-delete' THEN 'SELECT, INSERT, UPDATE'
      WHEN t.class IS NULL THEN 'SELECT, INSERT, UPDATE, DELETE'
    END;
    IF privileges IS NULL THEN
      RAISE EXCEPTION 'table % has an unknown privilege class %', t.tbl, t.class;
    END IF;
    EXECUTE format('REVOKE ALL ON %s FROM %I', t.tbl, app);
    EXECUTE format('GRANT %s ON %s TO %I', privileges, t.tbl, app);
  END LOOP;
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT EXECUTE ON FUNCTION audit_chain_next(), archive_audit_rows(bigint, bigint) TO %I', app);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_chain_next(), archive_audit_rows(bigint, bigint), grant_app_privileges(name) FROM PUBLIC;
