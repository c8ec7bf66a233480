/* Test helper (not exported from the package): the openssl CLI, temp files, and the CI rule. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, it } from 'vitest';

export function opensslAvailable(): boolean {
  try {
    const v = execFileSync('openssl', ['version'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    if (!/^OpenSSL 3\./.test(v)) console.warn(`openssl is not 3.x (${v.trim()}): SM2/SM4 interop may fail`);
    return true;
  } catch {
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error('openssl is required for the GM interop tests in CI');
    console.warn('openssl not found: GM interop tests skipped');
    return false;
  }
}

export const openssl = (...args: string[]): Buffer => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

export function tempDir(): { file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gm-'));
  return { file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Called inside the describe of openssl interop tests: `f(name)`, a file in a temp directory removed after them, and
 * `it2`, which is `it` where openssl is installed and `it.skip` elsewhere (never on CI, see opensslAvailable).
 */
export function opensslSuite() {
  const it2 = opensslAvailable() ? it : it.skip;
  const tmp = tempDir();
  afterAll(tmp.remove);
  return { f: tmp.file, it2 };
}

/** The user ID openssl (and GB/T 32918) signs with unless told another. */
const DEFAULT_DISTID = '1234567812345678';

/** `openssl pkeyutl -sign`: the SM2/SM3 signature of a file with the signer's ID, written to `sigFile`. */
export const opensslSm2Sign = (keyFile: string, inFile: string, sigFile: string, distid = DEFAULT_DISTID): Buffer =>
  openssl('pkeyutl', '-sign', '-inkey', keyFile, '-rawin', '-digest', 'sm3', '-pkeyopt', `distid:${distid}`, '-in', inFile, '-out', sigFile);

/** `openssl pkeyutl -verify` of an SM2/SM3 signature with the signer's ID: its output (it throws when the signature is bad). */
export const opensslSm2Verify = (pubFile: string, inFile: string, sigFile: string, distid = DEFAULT_DISTID): string =>
  openssl(
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    pubFile,
    '-rawin',
    '-digest',
    'sm3',
    '-pkeyopt',
    `distid:${distid}`,
    '-in',
    inFile,
    '-sigfile',
    sigFile,
  ).toString();

/** `openssl pkey … -noout -text` without its colons and white space, so that a key's hex can be looked for in it. */
export const opensslKeyText = (...args: string[]): string =>
  openssl('pkey', ...args, '-noout', '-text')
    .toString()
    .replace(/[\s:]/g, '');
