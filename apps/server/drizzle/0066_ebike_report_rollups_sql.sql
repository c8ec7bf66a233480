-- Report rollups kept by the database (N2/N3): rows of a raw table counted per key columns (department, state), raised
-- by the statement that inserts, updates or deletes them, in its transaction, once per statement (transition tables: a
-- bulk insert or a multi-row update is one upsert per key). Arguments: the rollup table, its counter column, and the
-- key columns (named the same in both tables). An update moves a row from its old key to its new one.
CREATE OR REPLACE FUNCTION raise_count_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys text := TG_ARGV[2];
  moved text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    moved := format('SELECT %s, 1 AS d FROM rollup_new_rows', keys);
  ELSIF TG_OP = 'DELETE' THEN
    moved := format('SELECT %s, -1 AS d FROM rollup_old_rows', keys);
  ELSE
    moved := format('SELECT %1$s, 1 AS d FROM rollup_new_rows UNION ALL SELECT %1$s, -1 FROM rollup_old_rows', keys);
  END IF;
  EXECUTE format(
    'INSERT INTO %1$I (%3$s, %2$I) SELECT %3$s, sum(d)::int FROM (%4$s) AS moved GROUP BY %3$s HAVING sum(d) <> 0
     ON CONFLICT (%3$s) DO UPDATE SET %2$I = %1$I.%2$I + excluded.%2$I',
    TG_ARGV[0], TG_ARGV[1], keys, moved);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 上传监控: businesses per department and upload state (the ledger is append-only: inserts, and updates of the state).
CREATE TRIGGER ebike_upload_counts_insert AFTER INSERT ON ebike_businesses REFERENCING NEW TABLE AS rollup_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION raise_count_rollup('ebike_upload_counts', 'businesses', 'department_id, upload_status');
--> statement-breakpoint
CREATE TRIGGER ebike_upload_counts_update AFTER UPDATE ON ebike_businesses REFERENCING OLD TABLE AS rollup_old_rows NEW TABLE AS rollup_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION raise_count_rollup('ebike_upload_counts', 'businesses', 'department_id, upload_status');
--> statement-breakpoint
INSERT INTO ebike_upload_counts (department_id, upload_status, businesses)
SELECT department_id, upload_status, count(*)::int FROM ebike_businesses GROUP BY 1, 2;
--> statement-breakpoint
-- 号牌库存: plates per department, kind and state (batches insert, allocation, return and retirement update).
CREATE TRIGGER ebike_plate_counts_insert AFTER INSERT ON ebike_plates REFERENCING NEW TABLE AS rollup_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION raise_count_rollup('ebike_plate_counts', 'plates', 'department_id, plate_kind, status');
--> statement-breakpoint
CREATE TRIGGER ebike_plate_counts_update AFTER UPDATE ON ebike_plates REFERENCING OLD TABLE AS rollup_old_rows NEW TABLE AS rollup_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION raise_count_rollup('ebike_plate_counts', 'plates', 'department_id, plate_kind, status');
--> statement-breakpoint
CREATE TRIGGER ebike_plate_counts_delete AFTER DELETE ON ebike_plates REFERENCING OLD TABLE AS rollup_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION raise_count_rollup('ebike_plate_counts', 'plates', 'department_id, plate_kind, status');
--> statement-breakpoint
INSERT INTO ebike_plate_counts (department_id, plate_kind, status, plates)
SELECT department_id, plate_kind, status, count(*)::int FROM ebike_plates GROUP BY 1, 2, 3;
