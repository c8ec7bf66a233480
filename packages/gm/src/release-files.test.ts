import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
    'apps/server/test/platform/auth.test.ts',
    'apps/web/src/App.tsx',
    'apps/web/dist/assets/index.js',
    'packages/gm/src/sm2.ts',
    'packages/gm/src/test-openssl.ts',
    'packages/gm/src/README.md',
    'packages/gm/bin/gm.mjs',
    'packages/gm/node_modules/x/index.js',
    'node_modules/onnxruntime-node/bin/napi-v3/linux/x64/onnxruntime_binding.node',
    'node_modules/sharp/README.md',
    'node_modules/sharp/lib/index.test.ts',
    'node_modules/.vite/vitest/results.json',
    'node_modules/.cache/x.json',
    'apps/web/node_modules/.vite/deps/react.js',
    'docs/adr/0001.md',
    'tools/scripts/start.mjs',
    'tools/bench/gm.bench.ts',
  ]);
  mkdirSync(path.join(root, 'node_modules/@shtp'), { recursive: true });
  symlinkSync('../../packages/gm', path.join(root, 'node_modules/@shtp/gm'));
  const installed = [
    'node_modules/@shtp/gm',
    'node_modules/onnxruntime-node/bin/napi-v3/linux/x64/onnxruntime_binding.node',
    'node_modules/sharp/README.md',
    'node_modules/sharp/lib/index.test.ts',
    'packages/gm/node_modules/x/index.js',
  ];
  const shipped = [
    'apps/server/drizzle/0001_init.sql',
    'apps/server/package.json',
    'apps/server/src/main.ts',
    'apps/web/dist/assets/index.js',
    ...installed,
    'package-lock.json',
    'package.json',
    'packages/gm/bin/gm.mjs',
    'packages/gm/src/sm2.ts',
    'tools/scripts/start.mjs',
  ].sort();

  it('on disk: server, migrations, package sources and bins, web dist, package files, every installed file and link; no tests, docs, web sources or tool caches', () => {
    expect(listShippedFilesOnDisk(root)).toEqual(shipped);
  });

  it('for a release from git: tracked source only, plus build output and installed dependencies from disk', () => {
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
