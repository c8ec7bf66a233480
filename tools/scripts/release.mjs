#!/usr/bin/env node
// `npm run release`: builds the console, then writes the SM2-signed release manifest (C3) of every shipped file —
// source, console build and the installed node_modules (packages/gm/src/release-files.ts) — to ./release-manifest.json
// and the matching public key to ./release-pub.pem, and prints the key's fingerprint to pin on the servers
// (RELEASE_SIGNER). The server verifies at start (apps/server/src/platform/release); docs/operations/release-signing.md.
//
//   RELEASE_KEY_FILE   signing key, PKCS#8 PEM (default ./keys/release-key.pem). Outside production a missing key is
//                      generated there as a demo key; in production it must exist.
//   --no-build         sign what is on disk without rebuilding apps/web/dist
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { createReleaseManifest, listShippedFilesForRelease, sm2GenerateKeyPair, sm2PrivateKeyFromPem, sm2PrivateKeyToPem, sm2PublicKeyOf, sm2PublicKeyToPem } =
  await import('@shtp/gm');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const production = process.env.NODE_ENV === 'production';
const keyFile = path.resolve(ROOT, process.env.RELEASE_KEY_FILE || 'keys/release-key.pem');

function fail(message, code = 1) {
  console.error(`[release] ${message}`);
  process.exit(code);
}

function git(...args) {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** package version + commit, marked dirty when tracked files differ from the commit (the manifest signs the disk). */
function releaseVersion() {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const commit = git('rev-parse', '--short', 'HEAD');
  if (!commit) return version;
  return `${version}+${commit}${git('status', '--porcelain', '--untracked-files=no') ? '.dirty' : ''}`;
}

function loadOrCreateKey() {
  if (existsSync(keyFile)) return sm2PrivateKeyFromPem(readFileSync(keyFile, 'utf8'));
  if (production) fail(`缺少发布签名私钥 ${keyFile}（生产环境须由 RELEASE_KEY_FILE 指定，不会自动生成）`, 2);
  const { privateKey } = sm2GenerateKeyPair();
  mkdirSync(path.dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, sm2PrivateKeyToPem(privateKey), { mode: 0o600 });
  console.log(`[release] 已生成【演示用】发布签名密钥 ${keyFile} —— 仅供演示，生产环境请使用受保护的正式密钥（RELEASE_KEY_FILE）`);
  return privateKey;
}

if (!process.argv.includes('--no-build')) {
  console.log('[release] 构建管理控制台 …');
  const build = spawnSync(NPM, ['run', 'build', '--workspace', 'apps/web'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) fail(`控制台构建失败（退出码 ${build.status ?? build.signal}），未生成发布清单`);
}

const privateKey = loadOrCreateKey();
const { files, source } = listShippedFilesForRelease(ROOT);
const manifest = await createReleaseManifest({ root: ROOT, files, privateKey, version: releaseVersion() });
writeFileSync(path.join(ROOT, 'release-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(path.join(ROOT, 'release-pub.pem'), sm2PublicKeyToPem(sm2PublicKeyOf(privateKey)));
console.log(
  `[release] 已签名 ${manifest.files.length} 个文件（来源 ${source}，含 node_modules），版本 ${manifest.version}\n` +
    '[release] 写入 release-manifest.json 与 release-pub.pem；离线校验：npx gm verify-release --pub release-pub.pem --root .\n' +
    `[release] 发布公钥指纹（服务器上设为 RELEASE_SIGNER，或把公钥放到发布目录之外并设 RELEASE_PUB）：\n          ${manifest.signerKeyId}`,
);
