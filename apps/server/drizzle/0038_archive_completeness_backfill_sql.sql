-- The completeness rollup (A7) of the archives opened before it existed: per opening day (Beijing) and department.
INSERT INTO archive_daily_completeness (day, department_id, opened, complete)
SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, department_id, count(*)::int, (count(*) FILTER (WHERE complete))::int
  FROM archives
 GROUP BY 1, 2
ON CONFLICT (day, department_id) DO NOTHING;
