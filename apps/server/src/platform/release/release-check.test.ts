import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createReleaseManifest, listShippedFilesOnDisk, sm2GenerateKeyPair, sm2PublicKeyId, sm2PublicKeyToPem } from '@shtp/gm';
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
    expect(releaseCheckSettings({ RELEASE_SIGNER: 'AB'.repeat(32) }, true).pinnedSignerId).toBe('ab'.repeat(32));
    expect(() => releaseCheckSettings({ RELEASE_SIGNER: 'abc' }, true)).toThrow(/RELEASE_SIGNER/);
  });
});

describe('release check at start', () => {
  let root: string;
  /** A folder outside the release, where an operator keeps the trusted public key (e.g. /etc/shtp). */
  let etc: string;
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
  /** What `npm run release` does: manifest and public key written into the release root. */
  const sign = async (key = signer) => {
    const manifest = await createReleaseManifest({ root, files: listShippedFilesOnDisk(root), privateKey: key.privateKey, version: '1.0.0' });
    write('release-manifest.json', JSON.stringify(manifest));
    write('release-pub.pem', sm2PublicKeyToPem(key.publicKey));
  };
  /** Production, refusing, with the key installed outside the release (RELEASE_PUB=/etc/shtp/release-pub.pem). */
  const production = (over: Partial<ReleaseCheckSettings> = {}) =>
    settings({ production: true, mode: 'refuse', publicKeyFile: path.join(etc, 'release-pub.pem'), ...over });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'release-check-'));
    etc = mkdtempSync(path.join(tmpdir(), 'release-anchor-'));
    writeFileSync(path.join(etc, 'release-pub.pem'), sm2PublicKeyToPem(signer.publicKey));
    logs.info = [];
    logs.error = [];
    write('package.json', '{"version":"1.0.0"}');
    write('apps/server/src/main.ts', 'main();');
    write('packages/gm/src/sm2.ts', 'export {};');
    // A small stand-in for the installed dependencies, native binaries included.
    write('node_modules/onnxruntime-node/bin/napi-v3/linux/x64/onnxruntime_binding.node', '\x7fELF binding');
    write('node_modules/sharp/lib/index.js', 'module.exports = require("./sharp");');
    write('node_modules/sharp/lib/sharp.js', 'module.exports = {};');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(etc, { recursive: true, force: true });
  });

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

  it('a signed, untouched release verifies, node_modules included, and says how long the check took', async () => {
    await sign();
    const result = await checkRelease(production(), log);
    expect(result).toMatchObject({ status: 'verified', version: '1.0.0', files: 6, problems: [] });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(logs.info[0]).toMatch(/^发布完整性校验通过：6 个文件，版本 1\.0\.0（用时 \d+\.\d 秒）$/);
  });

  it('refuse: a changed file stops the start, naming the file', async () => {
    await sign();
    write('apps/server/src/main.ts', 'main(); backdoor();');
    const refused = checkRelease(production(), log);
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

  it('C3 refuse: a swapped file under node_modules (a native binary of onnxruntime-node) or a planted one stops the start', async () => {
    await sign();
    write('node_modules/onnxruntime-node/bin/napi-v3/linux/x64/onnxruntime_binding.node', '\x7fELF trojan!');
    const refused = checkRelease(production(), log);
    await expect(refused).rejects.toThrow(ReleaseCheckRefusedError);
    await expect(refused).rejects.toThrow(/文件已被修改（SM3 不符）：node_modules\/onnxruntime-node\/bin\/napi-v3\/linux\/x64\/onnxruntime_binding\.node/);
    await sign();
    write('node_modules/sharp/lib/preload.js', 'steal();');
    await expect(checkRelease(production(), log)).rejects.toThrow(/发布清单之外的文件：node_modules\/sharp\/lib\/preload\.js/);
  });

  it('C3 refuse: manifest and key swapped together in the release are refused, whichever anchor production uses', async () => {
    await sign();
    // The attacker changes code, re-signs with a key of their own and drops manifest and key into the release.
    write('node_modules/sharp/lib/sharp.js', 'module.exports = backdoor();');
    const attacker = sm2GenerateKeyPair();
    await sign(attacker);
    // Default key location (beside the manifest, inside the release) in production: not a trust anchor.
    const inside = settings({ production: true, mode: 'refuse' });
    await expect(checkRelease(inside, log)).rejects.toThrow(/发布公钥 .*release-pub\.pem 位于发布目录之内/);
    expect(lastReleaseCheck()?.problems.map((p) => p.reason)).toEqual(['untrusted-key']);
    // Key installed outside the release: the attacker's manifest has the wrong signer.
    await expect(checkRelease(production(), log)).rejects.toThrow(/签名者.*不是给定的发布公钥/);
    // Key beside the manifest but its fingerprint pinned at install: the swapped key does not match the pin.
    const pinned = settings({ production: true, mode: 'refuse', pinnedSignerId: sm2PublicKeyId(signer.publicKey) });
    await expect(checkRelease(pinned, log)).rejects.toThrow(/与 RELEASE_SIGNER 固定的指纹.*不符/);
  });

  it('C3: a key inside the release is accepted with a matching pin, and outside production', async () => {
    await sign();
    const pinned = settings({ production: true, mode: 'refuse', pinnedSignerId: sm2PublicKeyId(signer.publicKey) });
    expect((await checkRelease(pinned, log)).status).toBe('verified');
    expect((await checkRelease(settings({ mode: 'refuse' }), log)).status).toBe('verified');
    // A link from outside into the release is still inside.
    const linked = path.join(etc, 'linked-pub.pem');
    symlinkSync(path.join(root, 'release-pub.pem'), linked);
    await expect(checkRelease(production({ publicKeyFile: linked }), log)).rejects.toThrow(/位于发布目录之内/);
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
