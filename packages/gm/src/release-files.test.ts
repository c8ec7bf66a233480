import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listShippedFilesForRelease, listShippedFilesOnDisk } from './release-files.ts';
import { tempDir } from './test-openssl.ts';

function write(root: string, files: string[]): void {
  for (const p of files) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), p);
  }
}

describe('the shipped-file rule', () => {
  const tmp = tempDir();
  afterAll(tmp.remove);
  const root = tmp.file('repo');
  write(root, [
    'package.json',
    'package-lock.json',
    'apps/server/package.json',
    'apps/server/src/main.ts',
    'apps/server/src/main.test.ts',
    'apps/server/drizzle/0001_init.sql',
    'apps/server/test/auth.test.ts',
    'apps/web/src/App.tsx',
    'apps/web/dist/assets/index.js',
    'packages/gm/src/sm2.ts',
    'packages/gm/src/test-openssl.ts',
    'packages/gm/src/README.md',
    'packages/gm/bin/gm.mjs',
    'packages/gm/node_modules/x/index.js',
    'docs/adr/0001.md',
    'tools/scripts/start.mjs',
    'tools/bench/gm.bench.ts',
  ]);
  const shipped = [
    'apps/server/drizzle/0001_init.sql',
    'apps/server/package.json',
    'apps/server/src/main.ts',
    'apps/web/dist/assets/index.js',
    'package-lock.json',
    'package.json',
    'packages/gm/bin/gm.mjs',
    'packages/gm/src/sm2.ts',
    'tools/scripts/start.mjs',
  ];

  it('on disk: server, migrations, package sources and bins, web dist, package files; no tests, docs, web sources or node_modules', () => {
    expect(listShippedFilesOnDisk(root)).toEqual(shipped);
  });

  it('for a release from git: tracked source only, plus build output from disk', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('add', '--', ...shipped.filter((f) => !f.startsWith('apps/web/dist')));
    write(root, ['apps/server/src/scratch.ts']);
    expect(listShippedFilesForRelease(root)).toEqual({ files: shipped, source: 'git' });
    // Without git (an unpacked release) the disk is used, and says so.
    const plain = tmp.file('plain');
    write(plain, ['apps/server/src/main.ts']);
    expect(listShippedFilesForRelease(plain)).toEqual({ files: ['apps/server/src/main.ts'], source: 'disk' });
  });
});
