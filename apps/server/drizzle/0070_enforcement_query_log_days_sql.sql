-- P10 report rollup (N2/N3): the handheld queries per Beijing day, department, officer and user name, kept by the
-- database in the transaction of the audit insert. audit_log is written by one hash-chained statement of
-- platform/audit (a data-modifying CTE that also appends the chain links); the rollup is raised by an AFTER trigger on
-- it, which reads the new row and writes only enf_query_log_days: the row, its MAC and its link are untouched. A row
-- trigger with a WHEN clause, not a statement trigger with a transition table: it runs only for the three query actions
-- (query-log.repository.ts HANDHELD_QUERY_ACTIONS), so every other audit insert — the E9 lookup's included — pays
-- nothing, not even the capture of a transition table. The retention job's delete of archived rows (180 days old at
-- least, by archive_audit_rows) lowers it once per statement, so the rollup always equals the GROUP BY over audit_log.
-- `found` is the row's details.found when it is a small whole number (what the handhelds' audit writes), else 0: a
-- malformed value must never fail the audit insert.
CREATE OR REPLACE FUNCTION enf_query_log_found(details jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN details->>'found' ~ '^[0-9]{1,6}$' THEN (details->>'found')::int ELSE 0 END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enf_query_log_days_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO enf_query_log_days AS r (day, department_id, user_id, username, queries, found)
    VALUES ((NEW.ts AT TIME ZONE 'Asia/Shanghai')::date, coalesce(NEW.department_id, 0), coalesce(NEW.user_id, 0),
            coalesce(NEW.username, ''), 1, enf_query_log_found(NEW.details))
    ON CONFLICT (day, department_id, user_id, username)
      DO UPDATE SET queries = r.queries + 1, found = r.found + excluded.found;
  ELSE
    INSERT INTO enf_query_log_days AS r (day, department_id, user_id, username, queries, found)
    SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date, coalesce(department_id, 0), coalesce(user_id, 0), coalesce(username, ''),
           -count(*)::int, -sum(enf_query_log_found(details))::int
      FROM query_log_archived
     WHERE action IN ('ebike.pda-query', 'enforcement.first-violation-check', 'enforcement.rider-contact')
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (day, department_id, user_id, username)
      DO UPDATE SET queries = r.queries + excluded.queries, found = r.found + excluded.found;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enf_query_log_days_insert AFTER INSERT ON audit_log FOR EACH ROW
  WHEN (NEW.action IN ('ebike.pda-query', 'enforcement.first-violation-check', 'enforcement.rider-contact'))
  EXECUTE FUNCTION enf_query_log_days_raise();
--> statement-breakpoint
CREATE TRIGGER enf_query_log_days_delete AFTER DELETE ON audit_log REFERENCING OLD TABLE AS query_log_archived
  FOR EACH STATEMENT EXECUTE FUNCTION enf_query_log_days_raise();
--> statement-breakpoint
INSERT INTO enf_query_log_days (day, department_id, user_id, username, queries, found)
SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date, coalesce(department_id, 0), coalesce(user_id, 0), coalesce(username, ''),
       count(*)::int, sum(enf_query_log_found(details))::int
  FROM audit_log
 WHERE action IN ('ebike.pda-query', 'enforcement.first-violation-check', 'enforcement.rider-contact')
 GROUP BY 1, 2, 3, 4;
