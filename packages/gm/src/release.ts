import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import canonicalizeModule from 'canonicalize';
import { GmError } from './errors.ts';
import { sm2PublicKeyId } from './keys.ts';
import { sm2PublicKeyOf, sm2Sign, sm2Verify } from './sm2.ts';

/*
 * C3 executable signing: a release manifest lists every shipped file with its SM3 digest and size (and every
 * shipped symbolic link with its target, e.g. the workspace links in node_modules), and is signed with SM2
 * (ID 'shtp-release') over the RFC 8785 (JCS) canonical JSON of every field except `signature`.
 *
 *   { "format": "shtp-release-manifest/2", "version": "0.1.0+abc1234", "createdAt": "2025-…Z",
 *     "files": [{ "path": "apps/server/src/main.ts", "sm3": "<64 hex>", "size": 1234 },
 *               { "path": "node_modules/@shtp/gm", "link": "../../packages/gm" }, …],       // sorted by path
 *     "signerKeyId": "<SM3 hex of the signer's SubjectPublicKeyInfo DER>", "signature": "<base64 DER SM2>" }
 */

// The CommonJS package's typings declare an ES default export; at run time the module itself is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const RELEASE_MANIFEST_FORMAT = 'shtp-release-manifest/2';
export const RELEASE_SIGNER_ID = 'shtp-release';

export interface ReleaseFileEntry {
  path: string;
  sm3: string;
  size: number;
}

/** A shipped symbolic link: its target as written (relative links stay inside the release). */
export interface ReleaseLinkEntry {
  path: string;
  link: string;
}

export type ReleaseEntry = ReleaseFileEntry | ReleaseLinkEntry;

export const isLinkEntry = (e: ReleaseEntry): e is ReleaseLinkEntry => 'link' in e;

export interface ReleaseManifest {
  format: typeof RELEASE_MANIFEST_FORMAT;
  version: string;
  createdAt: string;
  files: ReleaseEntry[];
  signerKeyId: string;
  signature: string;
}

/** `untrusted-key`: the verifying key is not a trust anchor the release cannot replace (the server's check). */
export type ReleaseProblemReason = 'missing' | 'changed' | 'unlisted' | 'bad-signature' | 'wrong-key' | 'untrusted-key' | 'malformed';

export interface ReleaseProblem {
  /** The file concerned (relative, POSIX), or the manifest's own name for signature/format problems. */
  path: string;
  reason: ReleaseProblemReason;
  /** One line in Chinese for the operator. */
  message: string;
}

export interface ReleaseVerification {
  ok: boolean;
  problems: ReleaseProblem[];
  /** The manifest when it could be parsed (even if its signature failed). */
  manifest?: ReleaseManifest;
}

/** The bytes that are signed: canonical JSON of the manifest without its signature. */
function signedBytes(manifest: Omit<ReleaseManifest, 'signature'>): Buffer {
  const { format, version, createdAt, files, signerKeyId } = manifest;
  return Buffer.from(canonicalize({ format, version, createdAt, files, signerKeyId }) ?? '', 'utf8');
}

/** A relative POSIX path that stays inside the root (no absolute paths, `..`, empty or `.` segments, backslashes). */
const isSafeRelativePath = (p: string) =>
  p.length > 0 && !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

const CHUNK = Buffer.allocUnsafe(1 << 20);

/**
 * SM3 and size of one file, read synchronously in 1 MiB chunks: the tree holds tens of thousands of files (node_modules),
 * and one stream per file made the start-up check 3–4 times slower (docs/operations/release-signing.md has the figures).
 */
function digestFile(file: string): { sm3: string; size: number } {
  const hash = createHash('sm3');
  const fd = openSync(file, 'r');
  let size = 0;
  try {
    for (let n = readSync(fd, CHUNK, 0, CHUNK.length, null); n > 0; n = readSync(fd, CHUNK, 0, CHUNK.length, null)) {
      hash.update(CHUNK.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sm3: hash.digest('hex'), size };
}

/** What is at a path now: a link's target, a regular file's digest, or null when absent (or another kind of entry). */
function entryOnDisk(root: string, rel: string): ReleaseEntry | 'other' | null {
  const file = path.join(root, rel);
  let stat: import('node:fs').Stats;
  try {
    stat = lstatSync(file);
  } catch {
    return null;
  }
  if (stat.isSymbolicLink()) return { path: rel, link: readlinkSync(file) };
  if (!stat.isFile()) return 'other';
  return { path: rel, ...digestFile(file) };
}

/** Whether a link's target, resolved from the link's folder, stays inside the root. */
const linkStaysInside = (rel: string, target: string) => !path.posix.isAbsolute(target) && isSafeRelativePath(path.posix.join(path.posix.dirname(rel), target));

export interface CreateReleaseOptions {
  /** Folder the paths are relative to. */
  root: string;
  /** Relative POSIX paths of the shipped files. */
  files: readonly string[];
  /** Release signing private key (hex). */
  privateKey: string;
  version: string;
  now?: () => Date;
}

/**
 * Hashes the files, records the links and signs the manifest. A listed file that cannot be read, or a link that leads
 * out of the root (its target would go unchecked), is an error: nothing is half-signed.
 */
export async function createReleaseManifest(opts: CreateReleaseOptions): Promise<ReleaseManifest> {
  const paths = [...new Set(opts.files)].sort();
  const bad = paths.find((p) => !isSafeRelativePath(p));
  if (bad !== undefined) throw new GmError('INVALID_INPUT', `文件路径须为根目录内的相对路径：${bad}`);
  const files: ReleaseEntry[] = [];
  for (const p of paths) {
    let entry: ReturnType<typeof entryOnDisk>;
    try {
      entry = entryOnDisk(opts.root, p);
    } catch (e) {
      throw new GmError('INVALID_INPUT', `无法读取待签名文件：${p}`, { cause: e });
    }
    if (entry === null || entry === 'other') throw new GmError('INVALID_INPUT', `无法读取待签名文件：${p}`);
    if (isLinkEntry(entry) && !linkStaysInside(p, entry.link)) {
      throw new GmError('INVALID_INPUT', `符号链接指向发布目录之外，无法签名：${p} → ${entry.link}`);
    }
    files.push(entry);
  }
  const body = {
    format: RELEASE_MANIFEST_FORMAT,
    version: opts.version,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
    files,
    signerKeyId: sm2PublicKeyId(sm2PublicKeyOf(opts.privateKey)),
  } as const;
  const signature = sm2Sign(signedBytes(body), opts.privateKey, { userId: RELEASE_SIGNER_ID }).toString('base64');
  return { ...body, signature };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and shape-checks a manifest; GmError('MALFORMED') naming the first problem. */
export function parseReleaseManifest(text: string | Buffer): ReleaseManifest {
  let m: unknown;
  try {
    m = JSON.parse(text.toString());
  } catch (e) {
    throw new GmError('MALFORMED', '发布清单不是合法的 JSON', { cause: e });
  }
  if (!isObject(m) || m.format !== RELEASE_MANIFEST_FORMAT) throw new GmError('MALFORMED', `发布清单格式须为 ${RELEASE_MANIFEST_FORMAT}`);
  for (const field of ['version', 'createdAt', 'signerKeyId', 'signature'] as const) {
    if (typeof m[field] !== 'string') throw new GmError('MALFORMED', `发布清单缺少字段 ${field}`);
  }
  if (!Array.isArray(m.files)) throw new GmError('MALFORMED', '发布清单缺少文件列表 files');
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = isObject(f) && typeof f.sm3 === 'string' && /^[0-9a-f]{64}$/.test(f.sm3) && Number.isSafeInteger(f.size) && !('link' in f);
    const link = isObject(f) && typeof f.link === 'string' && f.link !== '' && !('sm3' in f) && !('size' in f);
    if (!isObject(f) || typeof f.path !== 'string' || !(file || link)) {
      throw new GmError('MALFORMED', '发布清单的条目须为 {path, sm3（64 位十六进制）, size} 或 {path, link}');
    }
    if (!isSafeRelativePath(f.path)) throw new GmError('MALFORMED', `发布清单含不安全的路径：${f.path}`);
    if (seen.has(f.path)) throw new GmError('MALFORMED', `发布清单重复列出：${f.path}`);
    seen.add(f.path);
  }
  return m as unknown as ReleaseManifest;
}

export interface VerifyReleaseOptions {
  root: string;
  /** The manifest (parsed or its JSON text). */
  manifest: ReleaseManifest | string | Buffer;
  /** Name used for manifest-level problems (default 'release-manifest.json'). */
  manifestName?: string;
  /** Trusted release public key (hex). */
  publicKey: string;
  /** Files that exist and should be listed (e.g. listShippedFilesOnDisk); any not in the manifest is 'unlisted'. */
  present?: readonly string[];
}

/**
 * Checks the signer, the signature and every listed file's size and SM3, and reports files present but unlisted.
 * Never throws for a bad release: everything wrong is a problem naming its path, so an operator sees all of it at once.
 */
export async function verifyReleaseManifest(opts: VerifyReleaseOptions): Promise<ReleaseVerification> {
  const manifestName = opts.manifestName ?? 'release-manifest.json';
  let manifest: ReleaseManifest;
  try {
    manifest = typeof opts.manifest === 'string' || Buffer.isBuffer(opts.manifest) ? parseReleaseManifest(opts.manifest) : opts.manifest;
  } catch (e) {
    return { ok: false, problems: [{ path: manifestName, reason: 'malformed', message: e instanceof Error ? e.message : String(e) }] };
  }
  const problems: ReleaseProblem[] = [];
  const expectedKeyId = sm2PublicKeyId(opts.publicKey);
  if (manifest.signerKeyId !== expectedKeyId) {
    problems.push({
      path: manifestName,
      reason: 'wrong-key',
      message: `发布清单的签名者（${manifest.signerKeyId.slice(0, 16)}…）不是给定的发布公钥（${expectedKeyId.slice(0, 16)}…）`,
    });
  } else {
    const signature = Buffer.from(manifest.signature, 'base64');
    if (!sm2Verify(signedBytes(manifest), signature, opts.publicKey, { userId: RELEASE_SIGNER_ID })) {
      problems.push({ path: manifestName, reason: 'bad-signature', message: '发布清单的 SM2 签名无效：清单被篡改或签名损坏' });
    }
  }
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    let actual: ReturnType<typeof entryOnDisk>;
    try {
      actual = entryOnDisk(opts.root, entry.path);
    } catch {
      actual = null;
    }
    if (actual === null) {
      problems.push({ path: entry.path, reason: 'missing', message: `缺少文件：${entry.path}` });
      continue;
    }
    const same =
      actual !== 'other' &&
      (isLinkEntry(entry) ? isLinkEntry(actual) && actual.link === entry.link : !isLinkEntry(actual) && actual.size === entry.size && actual.sm3 === entry.sm3);
    if (same) continue;
    const what = isLinkEntry(entry) ? '符号链接已被修改' : actual !== 'other' && isLinkEntry(actual) ? '文件已被替换为符号链接' : '文件已被修改（SM3 不符）';
    problems.push({ path: entry.path, reason: 'changed', message: `${what}：${entry.path}` });
  }
  for (const p of opts.present ?? []) {
    if (!listed.has(p)) problems.push({ path: p, reason: 'unlisted', message: `发布清单之外的文件：${p}` });
  }
  return { ok: problems.length === 0, problems, manifest };
}

/** Reads a manifest file; GmError('MALFORMED') if it is not one. */
export const readReleaseManifest = (file: string): ReleaseManifest => parseReleaseManifest(readFileSync(file));
