-- Custom SQL migration file, put your code below! --
-- The district the hub named was kept in district_code until the first placement overwrote it: cases not placed yet
-- still carry it; placed ones lost it (routing then falls back to the department that took them).
UPDATE "rw_cases" SET "declared_district_code" = "district_code"
WHERE "district_code" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "rw_placements" p WHERE p."case_id" = "rw_cases"."id");
