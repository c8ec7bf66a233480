import type { Db } from './client.ts';

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
