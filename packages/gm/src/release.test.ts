import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sm2PublicKeyId } from './keys.ts';
import { createReleaseManifest, parseReleaseManifest, RELEASE_MANIFEST_FORMAT, type ReleaseManifest, verifyReleaseManifest } from './release.ts';
import { listShippedFilesOnDisk } from './release-files.ts';
import { sm2GenerateKeyPair } from './sm2.ts';
import { sm3Hex } from './sm3.ts';
import { tempDir } from './test-openssl.ts';

const signer = sm2GenerateKeyPair();

/** A small release tree in the repository's layout. */
function makeTree(root: string): void {
  const files: Record<string, string> = {
    'package.json': '{"name":"shtp","version":"9.9.9"}',
    'apps/server/src/main.ts': 'console.log("start");',
    'apps/server/src/platform/config.ts': 'export const x = 1;',
    'packages/gm/src/sm3.ts': 'export const sm3 = 1;',
    'apps/web/dist/index.html': '<!doctype html><title>控制台</title>',
    'node_modules/sharp/lib/index.js': 'module.exports = {};',
  };
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), content);
  }
  mkdirSync(path.join(root, 'node_modules/@shtp'), { recursive: true });
  symlinkSync('../../packages/gm', path.join(root, 'node_modules/@shtp/gm'));
}

describe('release manifest (C3)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let root: string;
  let manifest: ReleaseManifest;

  beforeEach(async () => {
    tmp = tempDir();
    root = tmp.file('release');
    makeTree(root);
    manifest = await createReleaseManifest({ root, files: listShippedFilesOnDisk(root), privateKey: signer.privateKey, version: '9.9.9' });
  });
  afterEach(() => tmp.remove());

  const verify = (over: Partial<Parameters<typeof verifyReleaseManifest>[0]> = {}) =>
    verifyReleaseManifest({ root, manifest, publicKey: signer.publicKey, present: listShippedFilesOnDisk(root), ...over });

  it('lists every file sorted with its SM3 and size, names the signer, and verifies', async () => {
    expect(manifest.format).toBe(RELEASE_MANIFEST_FORMAT);
    expect(manifest.files.map((f) => f.path)).toEqual([...manifest.files.map((f) => f.path)].sort());
    expect(manifest.files).toContainEqual({ path: 'apps/server/src/main.ts', sm3: sm3Hex('console.log("start");'), size: 21 });
    expect(manifest.signerKeyId).toBe(sm2PublicKeyId(signer.publicKey));
    expect(await verify()).toEqual({ ok: true, problems: [], manifest });
    // The JSON text round-trips through the parser and still verifies.
    expect((await verify({ manifest: JSON.stringify(manifest) })).ok).toBe(true);
  });

  it('one changed byte is reported as changed, by path', async () => {
    writeFileSync(path.join(root, 'apps/server/src/main.ts'), 'console.log("start")!');
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ path: 'apps/server/src/main.ts', reason: 'changed', message: expect.stringContaining('apps/server/src/main.ts') }]);
  });

  it('a same-size change is caught by SM3, not only by size', async () => {
    writeFileSync(path.join(root, 'packages/gm/src/sm3.ts'), 'export const sm3 = 2;');
    expect((await verify()).problems.map((p) => [p.path, p.reason])).toEqual([['packages/gm/src/sm3.ts', 'changed']]);
  });

  it('a deleted file is missing and an added file is unlisted', async () => {
    rmSync(path.join(root, 'apps/web/dist/index.html'));
    writeFileSync(path.join(root, 'apps/server/src/backdoor.ts'), 'export {}');
    const result = await verify();
    expect(result.problems.map((p) => [p.path, p.reason])).toEqual([
      ['apps/web/dist/index.html', 'missing'],
      ['apps/server/src/backdoor.ts', 'unlisted'],
    ]);
    expect(result.problems[1]?.message).toContain('发布清单之外');
  });

  it('a tampered manifest (a digest replaced to match a changed file) fails the signature', async () => {
    writeFileSync(path.join(root, 'apps/server/src/main.ts'), 'evil();');
    const forged = { ...manifest, files: manifest.files.map((f) => (f.path === 'apps/server/src/main.ts' ? { ...f, sm3: sm3Hex('evil();'), size: 7 } : f)) };
    const result = await verify({ manifest: forged });
    expect(result.problems.map((p) => [p.path, p.reason])).toEqual([['release-manifest.json', 'bad-signature']]);
  });

  it('a flipped signature bit fails the signature', async () => {
    const sig = Buffer.from(manifest.signature, 'base64');
    sig[sig.length - 1]! ^= 0x01;
    const result = await verify({ manifest: { ...manifest, signature: sig.toString('base64') } });
    expect(result.problems.map((p) => p.reason)).toEqual(['bad-signature']);
  });

  it('another public key is reported as the wrong signer, even with a re-labelled key ID', async () => {
    const other = sm2GenerateKeyPair();
    expect((await verify({ publicKey: other.publicKey })).problems.map((p) => p.reason)).toEqual(['wrong-key']);
    const relabelled = { ...manifest, signerKeyId: sm2PublicKeyId(other.publicKey) };
    expect((await verify({ manifest: relabelled, publicKey: other.publicKey })).problems.map((p) => p.reason)).toEqual(['bad-signature']);
  });

  it('a symbolic link is signed by its target: re-pointed, replaced by a file, or a file replaced by a link, all are changes', async () => {
    expect(manifest.files).toContainEqual({ path: 'node_modules/@shtp/gm', link: '../../packages/gm' });
    const link = path.join(root, 'node_modules/@shtp/gm');
    rmSync(link);
    symlinkSync('/tmp/evil-gm', link);
    expect((await verify()).problems.map((p) => [p.path, p.reason, p.message])).toEqual([
      ['node_modules/@shtp/gm', 'changed', '符号链接已被修改：node_modules/@shtp/gm'],
    ]);
    rmSync(link);
    writeFileSync(path.join(root, 'node_modules/@shtp/gm'), 'export {}');
    expect((await verify()).problems.map((p) => p.reason)).toEqual(['changed']);
    rmSync(link);
    symlinkSync('../../packages/gm', link);
    const copy = path.join(root, 'node_modules/sharp/lib/index.js');
    rmSync(copy);
    symlinkSync('../../../apps/web/dist/index.html', copy);
    expect((await verify()).problems.map((p) => p.message)).toEqual(['文件已被替换为符号链接：node_modules/sharp/lib/index.js']);
  });

  it('a link leading out of the release is not signed', async () => {
    symlinkSync('../../../../etc', path.join(root, 'node_modules/sharp/lib/etc'));
    await expect(createReleaseManifest({ root, files: listShippedFilesOnDisk(root), privateKey: signer.privateKey, version: 'x' })).rejects.toThrow(
      /发布目录之外[\s\S]*node_modules\/sharp\/lib\/etc/,
    );
  });

  it('malformed manifests and unsafe paths are refused', async () => {
    expect((await verify({ manifest: '{not json' })).problems.map((p) => p.reason)).toEqual(['malformed']);
    const escaping = JSON.stringify({ ...manifest, files: [{ path: '../etc/passwd', sm3: '0'.repeat(64), size: 1 }] });
    expect(() => parseReleaseManifest(escaping)).toThrow(/不安全的路径/);
    const both = JSON.stringify({ ...manifest, files: [{ path: 'a', sm3: '0'.repeat(64), size: 1, link: 'b' }] });
    expect(() => parseReleaseManifest(both)).toThrow(/\{path, link\}/);
    await expect(createReleaseManifest({ root, files: ['/etc/passwd'], privateKey: signer.privateKey, version: 'x' })).rejects.toThrow(/相对路径/);
    await expect(createReleaseManifest({ root, files: ['apps/nope.ts'], privateKey: signer.privateKey, version: 'x' })).rejects.toThrow(/apps\/nope.ts/);
  });
});
