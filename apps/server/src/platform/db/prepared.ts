import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { DB_CASING, type Db, type DbOrTx } from './client.ts';

/**
 * A query built once per database and prepared (a named statement on PostgreSQL, parsed and planned once per pooled
 * connection): for the queries every request runs, whose building and planning were a large share of their CPU (N1).
 * `build` ends in `.prepare(name)` with `sql.placeholder(...)` for the values; names must be unique in the app.
 */
export function preparedPerDatabase<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

const dialect = new PgDialect({ casing: DB_CASING });

/**
 * A raw statement (`sql` with `sql.placeholder(name)` for its values, which the query builder cannot express: data-
 * modifying CTEs, `unnest` inserts) prepared by name, as `preparedPerDatabase` does for builder queries: its text built
 * once, parsed and planned once per pooled connection. On the database or in a transaction (whose connection reuses
 * the statement it parsed before). Rows as `queryRows` gives them; `name` must be unique in the app and the text the
 * same on every call.
 */
export function preparedSql<Row>(name: string, statement: SQL): (db: DbOrTx, values: Record<string, unknown>) => Promise<Row[]> {
  const query = dialect.sqlToQuery(statement);
  const perSession = new WeakMap<object, PgPreparedQuery<PreparedQueryConfig>>();
  return async (db, values) => {
    const session = db._.session;
    let prepared = perSession.get(session);
    if (!prepared) {
      prepared = session.prepareQuery(query, undefined, name, false);
      perSession.set(session, prepared);
    }
    return ((await prepared.execute(values)) as { rows: Row[] }).rows;
  };
}
