-- Devices that have already pushed breathalyser readings keep doing so: they are breathalysers (and not handhelds,
-- unless the security admin says so in 终端管理). Every other registered device stays a handheld (the default).
UPDATE "pda_devices" SET "capabilities" = '{breathalyser}'::text[]
WHERE "code" IN (SELECT DISTINCT "device_code" FROM "enf_device_readings");
