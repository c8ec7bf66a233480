import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createReleaseManifest, listShippedFilesOnDisk, sm2GenerateKeyPair, sm2PublicKeyToPem } from '@shtp/gm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config.ts';
import { checkRelease, lastReleaseCheck, RELEASE_ROOT, ReleaseCheckRefusedError, type ReleaseCheckSettings, releaseCheckSettings } from './release-check.ts';

const signer = sm2GenerateKeyPair();

describe('release check settings', () => {
  it('defaults: refuse in production, alarm otherwise; manifest at the repo root, public key beside it', () => {
    expect(releaseCheckSettings({}, true).mode).toBe('refuse');
    const dev = releaseCheckSettings({}, false);
    expect(dev).toMatchObject({
      mode: 'alarm',
      manifestFile: path.join(RELEASE_ROOT, 'release-manifest.json'),
      publicKeyFile: path.join(RELEASE_ROOT, 'release-pub.pem'),
    });
    expect(releaseCheckSettings({ RELEASE_CHECK: 'off', RELEASE_MANIFEST: '/opt/shtp/m.json' }, true)).toMatchObject({
      mode: 'off',
      manifestFile: '/opt/shtp/m.json',
      publicKeyFile: '/opt/shtp/release-pub.pem',
    });
    expect(releaseCheckSettings({ RELEASE_PUB: '/etc/shtp/pub.pem' }, true).publicKeyFile).toBe('/etc/shtp/pub.pem');
    expect(() => releaseCheckSettings({ RELEASE_CHECK: 'warn' }, true)).toThrow(ConfigError);
  });
});

describe('release check at start', () => {
  let root: string;
  const logs: { info: string[]; error: string[] } = { info: [], error: [] };
  const log = { info: (l: string) => logs.info.push(l), error: (l: string) => logs.error.push(l) };
  const settings = (over: Partial<ReleaseCheckSettings> = {}): ReleaseCheckSettings => ({
    mode: 'alarm',
    production: false,
    root,
    manifestFile: path.join(root, 'release-manifest.json'),
    publicKeyFile: path.join(root, 'release-pub.pem'),
    ...over,
  });
  const write = (p: string, content: string) => {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), content);
  };
  const sign = async () => {
    const manifest = await createReleaseManifest({ root, files: listShippedFilesOnDisk(root), privateKey: signer.privateKey, version: '1.0.0' });
    write('release-manifest.json', JSON.stringify(manifest));
    write('release-pub.pem', sm2PublicKeyToPem(signer.publicKey));
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'release-check-'));
    logs.info = [];
    logs.error = [];
    write('package.json', '{"version":"1.0.0"}');
    write('apps/server/src/main.ts', 'main();');
    write('packages/gm/src/sm2.ts', 'export {};');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('no manifest in development: one line, status unsigned, the server starts', async () => {
    const result = await checkRelease(settings(), log);
    expect(result.status).toBe('unsigned');
    expect(logs.info).toEqual(['未签名的开发版本，跳过完整性校验']);
    expect(lastReleaseCheck()).toBe(result);
  });

  it('no manifest in production: refused (refuse or alarm), unless RELEASE_CHECK=off', async () => {
    await expect(checkRelease(settings({ production: true, mode: 'refuse' }), log)).rejects.toThrow(/缺少发布清单/);
    await expect(checkRelease(settings({ production: true, mode: 'alarm' }), log)).rejects.toThrow(ReleaseCheckRefusedError);
    expect((await checkRelease(settings({ production: true, mode: 'off' }), log)).status).toBe('off');
  });

  it('a signed, untouched release verifies', async () => {
    await sign();
    const result = await checkRelease(settings({ production: true, mode: 'refuse' }), log);
    expect(result).toMatchObject({ status: 'verified', version: '1.0.0', files: 3, problems: [] });
    expect(logs.info[0]).toContain('发布完整性校验通过：3 个文件');
  });

  it('refuse: a changed file stops the start, naming the file', async () => {
    await sign();
    write('apps/server/src/main.ts', 'main(); backdoor();');
    const refused = checkRelease(settings({ production: true, mode: 'refuse' }), log);
    await expect(refused).rejects.toThrow(ReleaseCheckRefusedError);
    await expect(refused).rejects.toThrow(/拒绝启动[\s\S]*apps\/server\/src\/main\.ts/);
    expect(lastReleaseCheck()?.status).toBe('mismatch');
  });

  it('alarm: mismatches are logged as errors and kept as the last result; the start goes on', async () => {
    await sign();
    rmSync(path.join(root, 'packages/gm/src/sm2.ts'));
    write('apps/server/src/extra.ts', 'export {};');
    const result = await checkRelease(settings({ mode: 'alarm' }), log);
    expect(result.status).toBe('mismatch');
    expect(result.problems.map((p) => [p.path, p.reason])).toEqual([
      ['packages/gm/src/sm2.ts', 'missing'],
      ['apps/server/src/extra.ts', 'unlisted'],
    ]);
    expect(logs.error.join('\n')).toMatch(/告警[\s\S]*packages\/gm\/src\/sm2\.ts[\s\S]*apps\/server\/src\/extra\.ts/);
    expect(lastReleaseCheck()).toBe(result);
  });

  it('a missing or foreign public key is a mismatch, not a pass', async () => {
    await sign();
    rmSync(path.join(root, 'release-pub.pem'));
    const missing = await checkRelease(settings(), log);
    expect(missing.problems.map((p) => p.reason)).toEqual(['missing']);
    expect(missing.problems[0]?.message).toContain('缺少发布公钥');
    write('release-pub.pem', sm2PublicKeyToPem(sm2GenerateKeyPair().publicKey));
    expect((await checkRelease(settings(), log)).problems.map((p) => p.reason)).toEqual(['wrong-key']);
  });
});
