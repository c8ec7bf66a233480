import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * SQL only in repositories (docs/adr/0014-module-contract.md): outside `*.repository.ts`, `*.table.ts`, migrations,
 * `platform/db/` and tests, no server file builds a query. Building one needs drizzle's operators or `sql`, a
 * table object, `queryRows` or `.execute(...)`, so a file that imports none of them as values and calls no
 * `execute` holds no SQL. Type-only imports (`typeof users.$inferSelect`, `Db`) are fine.
 * The import-cycle and layer rules are in `.dependency-cruiser.cjs` (npm run lint).
 */
const SRC = path.resolve(import.meta.dirname, '../../src');

const mayHoldSql = (file: string) =>
  /\.(repository|table)\.ts$/.test(file) || /\.test(-fixtures)?\.ts$/.test(file) || file.startsWith('platform/db/') || file.includes('/migrations/');

/** Personal-data classifications (`*.pi.ts`) name the tables whose columns they classify; they query nothing. */
const namesTables = (file: string) => file.endsWith('.pi.ts');
/** Drizzle's schema introspection (the PI inventory lists every table's columns): it builds no query. */
const INTROSPECTION = new Set(['getTableName', 'is', 'PgTable']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

const isDrizzle = (spec: string) => spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/');
const isTable = (spec: string) => spec.endsWith('.table.ts');
const isDbClient = (spec: string) => spec.endsWith('/db/client.ts');

/** The names an import brings in as values (not `import type`, not `{ type X }`). */
function valueImports(node: ts.ImportDeclaration): string[] {
  const clause = node.importClause;
  if (!clause || clause.isTypeOnly) return clause ? [] : ['(side effect)'];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(`* as ${bindings.name.text}`);
  if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
  return names;
}

/** Every query-building use in one file, as `file:line what`. */
function sqlUses(file: string, text: string): string[] {
  const tablesAllowed = namesTables(file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const values = valueImports(node);
      const querying = isDrizzle(spec) ? values.filter((v) => !INTROSPECTION.has(v)) : isTable(spec) && !tablesAllowed ? values : [];
      if (querying.length > 0) at(node, `imports ${querying.join(', ')} from ${spec}`);
      if (isDbClient(spec) && values.includes('queryRows')) at(node, `imports queryRows from ${spec}`);
    }
    const callee = ts.isCallExpression(node) ? node.expression : null;
    // `this.execute(...)` is a class's own method; a database handle is never `this`.
    if (callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'execute' && callee.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      at(node, 'calls .execute(...)');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('SQL only in repositories', () => {
  it('no file outside repositories, tables, migrations, platform/db and tests builds a query', () => {
    const uses = sourceFiles(SRC)
      .filter((f) => !mayHoldSql(f))
      .flatMap((f) => sqlUses(f, readFileSync(path.join(SRC, f), 'utf8')));
    expect(uses).toEqual([]);
  });

  it('the check sees each way a query is built, and lets types through', () => {
    const service = `
      import { and, eq } from 'drizzle-orm';
      import type { SQL } from 'drizzle-orm';
      import { type Db, queryRows } from '../../platform/db/client.ts';
      import { users } from './users.table.ts';
      import type { vehicles } from './vehicles.table.ts';
      export const f = (db: Db) => db.execute(raw);`;
    expect(sqlUses('modules/x/x.service.ts', service)).toEqual([
      'modules/x/x.service.ts:2 imports and, eq from drizzle-orm',
      'modules/x/x.service.ts:4 imports queryRows from ../../platform/db/client.ts',
      'modules/x/x.service.ts:5 imports users from ./users.table.ts',
      'modules/x/x.service.ts:7 calls .execute(...)',
    ]);
    expect(sqlUses('modules/x/x.service.ts', `import { type users } from './users.table.ts';\nimport * as d from 'drizzle-orm/pg-core';`)).toEqual([
      'modules/x/x.service.ts:2 imports * as d from drizzle-orm/pg-core',
    ]);
  });

  it('lets classifications name tables and the inventory read the schema, but not query', () => {
    const pi = `import { users } from './users.table.ts';\nimport { sql } from 'drizzle-orm';`;
    expect(sqlUses('modules/x/x.pi.ts', pi)).toEqual(['modules/x/x.pi.ts:2 imports sql from drizzle-orm']);
    expect(sqlUses('modules/x/x.service.ts', pi)).toHaveLength(2);
    expect(
      sqlUses('platform/privacy/pi-inventory.ts', `import { getTableName, is } from 'drizzle-orm';\nimport { PgTable } from 'drizzle-orm/pg-core';`),
    ).toEqual([]);
    expect(sqlUses('platform/jobs/job-queue.ts', 'class Q { run() { return this.execute(1); } }')).toEqual([]);
    expect(sqlUses('platform/jobs/job-queue.ts', 'class Q { run() { return this.db.execute(q); } }')).toEqual([
      'platform/jobs/job-queue.ts:1 calls .execute(...)',
    ]);
  });
});
