-- The image store is never edited nor emptied by a user: a stored page stays as it was (retention and legal hold are
-- for a later, explicit purge, not for the application role).
CREATE OR REPLACE FUNCTION blobs_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER blobs_no_change BEFORE UPDATE OR DELETE ON blobs FOR EACH ROW EXECUTE FUNCTION blobs_immutable();
--> statement-breakpoint
CREATE TRIGGER blobs_no_truncate BEFORE TRUNCATE ON blobs FOR EACH STATEMENT EXECUTE FUNCTION blobs_immutable();
--> statement-breakpoint
CREATE TRIGGER blob_uploads_no_change BEFORE UPDATE OR DELETE ON blob_uploads FOR EACH ROW EXECUTE FUNCTION blobs_immutable();
