CREATE TABLE "rbac_version" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "rbac_version_single_row" CHECK ("rbac_version"."id")
);
--> statement-breakpoint
INSERT INTO "rbac_version" ("id", "version") VALUES (true, 0);
--> statement-breakpoint
-- Any change to who a user is, where they sit and what their roles allow raises the version in the same transaction,
-- so that principals cached by the servers (auth.service.ts) are reloaded after it commits.
CREATE OR REPLACE FUNCTION bump_rbac_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rbac_version SET version = version + 1 WHERE id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_rbac_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
--> statement-breakpoint
CREATE TRIGGER departments_rbac_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
--> statement-breakpoint
CREATE TRIGGER roles_rbac_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON roles FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
--> statement-breakpoint
CREATE TRIGGER role_permissions_rbac_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_permissions FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
--> statement-breakpoint
CREATE TRIGGER user_roles_rbac_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION bump_rbac_version();
