-- 上传监控's counts by state (N2/N3) from the rollup: raised by the statement that inserts businesses or changes their
-- upload state, in its transaction, once per statement (transition tables: a bulk insert or the reconciliation's
-- multi-row update is one upsert per department and state). The ledger is append-only and its department immutable
-- (ebike_businesses_append_only), so an insert adds and an update moves a business between states.
CREATE OR REPLACE FUNCTION ebike_upload_counts_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ebike_upload_counts (department_id, status, businesses)
    SELECT department_id, upload_status, count(*)::int FROM ebike_new_rows GROUP BY 1, 2
    ON CONFLICT (department_id, status) DO UPDATE SET businesses = ebike_upload_counts.businesses + excluded.businesses;
  ELSE
    INSERT INTO ebike_upload_counts (department_id, status, businesses)
    SELECT department_id, status, sum(d)::int FROM (
      SELECT department_id, upload_status AS status, 1 AS d FROM ebike_new_rows
      UNION ALL
      SELECT department_id, upload_status, -1 FROM ebike_old_rows
    ) AS moved
    GROUP BY 1, 2 HAVING sum(d) <> 0
    ON CONFLICT (department_id, status) DO UPDATE SET businesses = ebike_upload_counts.businesses + excluded.businesses;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ebike_upload_counts_insert AFTER INSERT ON ebike_businesses
  REFERENCING NEW TABLE AS ebike_new_rows FOR EACH STATEMENT EXECUTE FUNCTION ebike_upload_counts_raise();
--> statement-breakpoint
CREATE TRIGGER ebike_upload_counts_update AFTER UPDATE ON ebike_businesses
  REFERENCING OLD TABLE AS ebike_old_rows NEW TABLE AS ebike_new_rows FOR EACH STATEMENT EXECUTE FUNCTION ebike_upload_counts_raise();
--> statement-breakpoint
INSERT INTO ebike_upload_counts (department_id, status, businesses)
SELECT department_id, upload_status, count(*)::int FROM ebike_businesses GROUP BY 1, 2;
