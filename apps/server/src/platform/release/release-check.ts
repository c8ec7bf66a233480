import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listShippedFilesOnDisk, type ReleaseProblem, sm2PublicKeyFromPem, sm2PublicKeyId, verifyReleaseManifest } from '@shtp/gm';
import { ConfigError } from '../config/config.ts';

/*
 * C3 at start-up: before the database opens, the server checks the signed release manifest (packages/gm release.ts)
 * against the files it is about to run, installed dependencies included. The system-parameter table is not readable
 * yet, so the policy comes from the environment: RELEASE_CHECK=refuse|alarm|off (default refuse in production, alarm
 * otherwise), RELEASE_MANIFEST (default <repo root>/release-manifest.json), RELEASE_PUB (default release-pub.pem beside
 * the manifest), RELEASE_SIGNER (the SM3 fingerprint of the release key, pinned at install).
 *
 * The trust anchor must be something a replaced release cannot bring along: a key file outside the release folder, or
 * a pinned fingerprint. In production a key inside the release with no pin is a problem like a changed file (someone who
 * can replace the files can replace manifest and key together). docs/operations/release-signing.md explains it.
 */

export const RELEASE_CHECK_MODES = ['refuse', 'alarm', 'off'] as const;
export type ReleaseCheckMode = (typeof RELEASE_CHECK_MODES)[number];

/** The repository (release) root: apps/server/src/platform/release → five levels up. */
export const RELEASE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

export interface ReleaseCheckSettings {
  mode: ReleaseCheckMode;
  production: boolean;
  root: string;
  manifestFile: string;
  publicKeyFile: string;
  /** The release key's fingerprint (SM3 of its SubjectPublicKeyInfo, 64 hex) from RELEASE_SIGNER, if pinned. */
  pinnedSignerId?: string | undefined;
}

export interface ReleaseCheckResult {
  /** verified: signature and every file good; unsigned: no manifest (development); mismatch: problems found; off: not checked. */
  status: 'verified' | 'unsigned' | 'mismatch' | 'off';
  mode: ReleaseCheckMode;
  checkedAt: string;
  version?: string;
  files?: number;
  /** How long the check took (ms): it hashes every shipped file, node_modules included. */
  durationMs?: number;
  problems: ReleaseProblem[];
}

/** The check refused the start; main() prints the message and exits with code 2. */
export class ReleaseCheckRefusedError extends Error {}

/** Reads the RELEASE_* variables; a bad RELEASE_CHECK is a ConfigError like any other bad variable. */
export function releaseCheckSettings(env: NodeJS.ProcessEnv, production: boolean, root: string = RELEASE_ROOT): ReleaseCheckSettings {
  const raw = env.RELEASE_CHECK;
  if (raw !== undefined && !(RELEASE_CHECK_MODES as readonly string[]).includes(raw)) {
    throw new ConfigError('配置错误（环境变量）：\n  RELEASE_CHECK: 须为 refuse、alarm 或 off');
  }
  const pin = env.RELEASE_SIGNER?.trim().toLowerCase();
  if (pin && !/^[0-9a-f]{64}$/.test(pin)) {
    throw new ConfigError('配置错误（环境变量）：\n  RELEASE_SIGNER: 须为发布公钥的 SM3 指纹（64 位十六进制，npm run release 输出）');
  }
  const manifestFile = path.resolve(env.RELEASE_MANIFEST || path.join(root, 'release-manifest.json'));
  return {
    mode: (raw as ReleaseCheckMode | undefined) ?? (production ? 'refuse' : 'alarm'),
    production,
    root,
    manifestFile,
    publicKeyFile: path.resolve(env.RELEASE_PUB || path.join(path.dirname(manifestFile), 'release-pub.pem')),
    pinnedSignerId: pin || undefined,
  };
}

/** Whether a file (through any links) lies inside a folder (through any links). */
function isInside(file: string, folder: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const relative = path.relative(real(folder), real(file));
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

/**
 * Problems with the trust anchor itself: a key that does not match the pinned fingerprint, or — in production, with
 * no pin — a key file inside the release it is meant to verify.
 */
function anchorProblems(s: ReleaseCheckSettings, publicKey: string): ReleaseProblem[] {
  if (s.pinnedSignerId) {
    const id = sm2PublicKeyId(publicKey);
    if (id === s.pinnedSignerId) return [];
    return [
      {
        path: s.publicKeyFile,
        reason: 'wrong-key',
        message: `发布公钥 ${s.publicKeyFile} 的指纹（${id.slice(0, 16)}…）与 RELEASE_SIGNER 固定的指纹（${s.pinnedSignerId.slice(0, 16)}…）不符`,
      },
    ];
  }
  if (!s.production || !isInside(s.publicKeyFile, s.root)) return [];
  return [
    {
      path: s.publicKeyFile,
      reason: 'untrusted-key',
      message:
        `发布公钥 ${s.publicKeyFile} 位于发布目录之内，能替换发布文件的人也能一并替换清单和公钥：` +
        '请把公钥放在发布目录之外并用 RELEASE_PUB 指定，或用 RELEASE_SIGNER 固定公钥指纹',
    },
  ];
}

let last: ReleaseCheckResult | undefined;

/** The result of the start-up check of this process (undefined when it did not run, e.g. in tests of the app). */
export const lastReleaseCheck = (): ReleaseCheckResult | undefined => last;

export interface ReleaseCheckLog {
  info(line: string): void;
  error(line: string): void;
}

const MAX_LISTED = 20;

/** Problems as lines, the first MAX_LISTED of them (a tree-wide change would otherwise flood the console). */
const problemLines = (problems: ReleaseProblem[]) =>
  [
    ...problems.slice(0, MAX_LISTED).map((p) => `  ${p.message}`),
    ...(problems.length > MAX_LISTED ? [`  ……另有 ${problems.length - MAX_LISTED} 处`] : []),
  ].join('\n');

async function verify(s: ReleaseCheckSettings): Promise<Pick<ReleaseCheckResult, 'version' | 'files' | 'problems'>> {
  let publicKey: string;
  try {
    publicKey = sm2PublicKeyFromPem(readFileSync(s.publicKeyFile, 'utf8'));
  } catch (e) {
    const reason = existsSync(s.publicKeyFile) ? 'malformed' : 'missing';
    const detail = reason === 'missing' ? '缺少发布公钥文件' : `发布公钥无法读取（${e instanceof Error ? e.message : String(e)}）`;
    return { problems: [{ path: s.publicKeyFile, reason, message: `${detail}：${s.publicKeyFile}` }] };
  }
  const anchor = anchorProblems(s, publicKey);
  const result = await verifyReleaseManifest({
    root: s.root,
    manifest: readFileSync(s.manifestFile),
    manifestName: path.basename(s.manifestFile),
    publicKey,
    present: listShippedFilesOnDisk(s.root),
  });
  return { version: result.manifest?.version, files: result.manifest?.files.length, problems: [...anchor, ...result.problems] };
}

/**
 * Runs the check once and remembers the result. In `refuse` mode a missing manifest (production only) or any
 * mismatch throws ReleaseCheckRefusedError naming the files; in `alarm` mode they are logged as errors and the
 * server starts.
 */
export async function checkRelease(s: ReleaseCheckSettings, log: ReleaseCheckLog = { info: console.log, error: console.error }): Promise<ReleaseCheckResult> {
  const checkedAt = new Date().toISOString();
  if (s.mode === 'off') {
    log.info('发布完整性校验已关闭（RELEASE_CHECK=off）');
    last = { status: 'off', mode: s.mode, checkedAt, problems: [] };
    return last;
  }
  if (!existsSync(s.manifestFile)) {
    if (s.production) {
      throw new ReleaseCheckRefusedError(
        `拒绝启动：缺少发布清单 ${s.manifestFile}。生产环境只运行经签名的发布版本（npm run release 生成；确需跳过时设 RELEASE_CHECK=off）。`,
      );
    }
    log.info('未签名的开发版本，跳过完整性校验');
    last = { status: 'unsigned', mode: s.mode, checkedAt, problems: [] };
    return last;
  }
  const started = performance.now();
  const { version, files, problems } = await verify(s);
  const durationMs = Math.round(performance.now() - started);
  last = { status: problems.length ? 'mismatch' : 'verified', mode: s.mode, checkedAt, version, files, durationMs, problems };
  if (!problems.length) {
    log.info(`发布完整性校验通过：${files} 个文件，版本 ${version}（用时 ${(durationMs / 1000).toFixed(1)} 秒）`);
    return last;
  }
  const summary = `发布完整性校验失败（${problems.length} 处，清单 ${s.manifestFile}）：\n${problemLines(problems)}`;
  if (s.mode === 'refuse') throw new ReleaseCheckRefusedError(`拒绝启动：${summary}`);
  log.error(`【告警】${summary}\n  服务继续运行（RELEASE_CHECK=alarm）。`);
  return last;
}
