-- ADR 0016: a change of rbac_version tells every instance to drop its cached sessions and principals. Every UPDATE of
-- users raised it (migration 0012) — a login's record of its time and address too, so each login flushed the session
-- caches of all instances. An update now raises it only when it changes something else than those two bookkeeping
-- columns: the principal caches the whole user row (rbac.repository.ts principal), so any other column — department,
-- status, clearance, expiry, password, names, deletion, and a column added later — still raises it. A row trigger with
-- a WHEN clause: an update that changes only the login columns runs no function at all. Inserts, deletes and truncates
-- raise it once per statement as before.
DROP TRIGGER users_rbac_version ON users;
--> statement-breakpoint
CREATE TRIGGER users_rbac_version AFTER INSERT OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
--> statement-breakpoint
CREATE TRIGGER users_rbac_version_update AFTER UPDATE ON users FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_login_at' - 'last_login_ip') IS DISTINCT FROM (to_jsonb(NEW) - 'last_login_at' - 'last_login_ip'))
  EXECUTE FUNCTION bump_rbac_version();
