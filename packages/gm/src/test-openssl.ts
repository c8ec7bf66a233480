/* Test helper (not exported from the package): the openssl CLI, temp files, and the CI rule. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
