import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReleaseManifest } from '../release.ts';
import { tempDir } from '../test-openssl.ts';
import { gm, gmOk } from './test-cli.ts';

describe('gm sign-release / gm verify-release', () => {
  const tmp = tempDir();
  afterAll(tmp.remove);
  const f = tmp.file;
  const root = f('release');
  const manifest = path.join(root, 'release-manifest.json');

  beforeAll(() => {
    for (const [p, content] of Object.entries({
      'package.json': '{"version":"2.3.4"}',
      'apps/server/src/main.ts': 'start();',
      'packages/core/src/index.ts': 'export {};',
    })) {
      mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      writeFileSync(path.join(root, p), content);
    }
    gmOk(['keygen', '--out', f('release-key.pem'), '--pub', f('release-pub.pem')]);
    gmOk(['keygen', '--out', f('other-key.pem'), '--pub', f('other-pub.pem')]);
  });

  it('signs the default file set with the package version and verifies it (exit 0)', () => {
    const signed = gmOk(['sign-release', '--key', f('release-key.pem'), '--root', root]);
    expect(signed.stdout.toString()).toContain('3 个文件');
    const m = parseReleaseManifest(readFileSync(manifest));
    expect(m.version).toBe('2.3.4');
    expect(m.files.map((x) => x.path)).toEqual(['apps/server/src/main.ts', 'package.json', 'packages/core/src/index.ts']);
    const verified = gm(['verify-release', '--pub', f('release-pub.pem'), '--root', root]);
    expect(verified.status).toBe(0);
    expect(verified.stdout.toString()).toContain('校验通过');
  });

  it('reports a changed and an unlisted file by path in Chinese and exits 1', () => {
    writeFileSync(path.join(root, 'apps/server/src/main.ts'), 'start(); evil();');
    writeFileSync(path.join(root, 'apps/server/src/extra.ts'), 'export {};');
    const run = gm(['verify-release', '--pub', f('release-pub.pem'), '--root', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('文件已被修改（SM3 不符）：apps/server/src/main.ts');
    expect(run.stderr).toContain('发布清单之外的文件：apps/server/src/extra.ts');
  });

  it('a wrong public key exits 1; --files-from and --manifest select the list and the manifest file', () => {
    expect(gm(['verify-release', '--pub', f('other-pub.pem'), '--root', root]).stderr).toContain('签名者');
    writeFileSync(f('list'), '# shipped\napps/server/src/main.ts\n\napps/server/src/extra.ts\n');
    gmOk(['sign-release', '--key', f('release-key.pem'), '--root', root, '--files-from', f('list'), '--version', 'rc1', '--out', f('m.json')]);
    expect(gm(['verify-release', '--pub', f('release-pub.pem'), '--root', root, '--manifest', f('m.json'), '--files-from', f('list')]).status).toBe(0);
    expect(gm(['verify-release', '--pub', f('other-pub.pem'), '--root', root, '--manifest', f('m.json'), '--files-from', f('list')]).status).toBe(1);
  });
});
