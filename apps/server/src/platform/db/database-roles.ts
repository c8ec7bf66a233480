/** The two PostgreSQL roles of a production deployment (N6) and the database the owner owns. */
export interface RoleNames {
  /** Owns the schema: runs migrations (MIGRATION_DATABASE_URL). */
  owner: string;
  /** The application's connection (DATABASE_URL): DML only, granted after every migration. */
  app: string;
  database: string;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The statements that create the roles and the database, for a superuser (or a role with CREATEROLE and CREATEDB):
 * `cluster` on any database, then `database` connected to the new one. One statement at a time (CREATE DATABASE
 * cannot run in a transaction block). Passwords are set apart (psql `\password`), never on a command line.
 * The table grants are not here: the migration applies them (grant_app_privileges), so new tables get them too.
 */
export function databaseRolesSql(n: RoleNames): { cluster: string[]; database: string[] } {
  const [owner, app, database] = [quoteIdent(n.owner), quoteIdent(n.app), quoteIdent(n.database)];
  return {
    cluster: [
      `CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`,
      `CREATE ROLE ${app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`,
      `CREATE DATABASE ${database} OWNER ${owner} ENCODING 'UTF8'`,
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${database} TO ${app}`,
    ],
    database: [
      // PostgreSQL 14 and older let every role create objects in the public schema.
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      `ALTER SCHEMA public OWNER TO ${owner}`,
    ],
  };
}
