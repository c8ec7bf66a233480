-- ADR 0016: servers keep validated sessions for a few seconds and drop them when told. Whoever ends or changes a
-- session, or changes the access-control data (anything that raises rbac_version, migration 0012), notifies in the
-- writing transaction, so the notification is delivered on COMMIT (and never for a rolled-back change). A touch of
-- the last-seen time alone notifies nobody.
CREATE OR REPLACE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('shtp_session', 's:' || OLD.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION notify_session_change();
--> statement-breakpoint
CREATE TRIGGER sessions_notify_update AFTER UPDATE ON sessions FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at'))
  EXECUTE FUNCTION notify_session_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION notify_access_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('shtp_session', '*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER rbac_version_notify AFTER UPDATE ON rbac_version FOR EACH STATEMENT EXECUTE FUNCTION notify_access_change();
--> statement-breakpoint
CREATE TRIGGER sessions_notify_truncate AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION notify_access_change();
