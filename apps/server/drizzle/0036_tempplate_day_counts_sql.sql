-- The day counters (T9, T12) of the businesses received before they existed: per department and per dealer, by the
-- Beijing day of issue; a resident ID card (type A) with a 6-digit issuing region counts, non-Shanghai when not 31….
INSERT INTO "tempplate_department_days" ("department_id", "day", "businesses", "id_cards", "non_local")
SELECT "department_id",
       to_char("issued_at" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD'),
       count(*),
       count(*) FILTER (WHERE "owner_id_type" = 'A' AND "owner_region" ~ '^[0-9]{6}$'),
       count(*) FILTER (WHERE "owner_id_type" = 'A' AND "owner_region" ~ '^[0-9]{6}$' AND "owner_region" NOT LIKE '31%')
FROM "tempplate_businesses"
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "tempplate_dealer_days" ("dealer_uscc", "day", "businesses", "id_cards", "non_local")
SELECT "dealer_uscc",
       to_char("issued_at" AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD'),
       count(*),
       count(*) FILTER (WHERE "owner_id_type" = 'A' AND "owner_region" ~ '^[0-9]{6}$'),
       count(*) FILTER (WHERE "owner_id_type" = 'A' AND "owner_region" ~ '^[0-9]{6}$' AND "owner_region" NOT LIKE '31%')
FROM "tempplate_businesses"
WHERE "dealer_uscc" IS NOT NULL
GROUP BY 1, 2;
