-- The report rollups (N2/N3) of the rows written before they existed: P5 readings and linked readings per Beijing day
-- and device; P1 recognised fields, corrections and the sum of confidences per Beijing day of the ticket, department
-- and field. From here on the repositories raise them in the transaction of each write.
INSERT INTO "enf_device_reading_days" ("day", "device_code", "readings", "linked")
SELECT ("measured_at" AT TIME ZONE 'Asia/Shanghai')::date, "device_code", count(*), count("breath_test_id")
FROM "enf_device_readings"
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "enf_ocr_days" ("day", "department_id", "field", "recognised", "corrected", "confidence_sum")
SELECT ("v"."created_at" AT TIME ZONE 'Asia/Shanghai')::date, "v"."department_id", "f"->>'field', count(*),
       count(*) FILTER (WHERE ("f"->>'corrected')::boolean), coalesce(sum(("f"->>'confidence')::float8), 0)
FROM "enf_violations" "v" CROSS JOIN LATERAL jsonb_array_elements("v"."ocr") AS "f"
GROUP BY 1, 2, 3;
