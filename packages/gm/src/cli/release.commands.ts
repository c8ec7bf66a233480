import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createReleaseManifest, verifyReleaseManifest } from '../release.ts';
import { listShippedFilesForRelease, listShippedFilesOnDisk } from '../release-files.ts';
import { type Command, optional, readPrivateKeyFile, readPublicKeyFile, required, writeOutput } from './cli-io.ts';

/* gm sign-release / gm verify-release — the C3 signed release manifest (release.ts, release-files.ts). */

/** Relative POSIX paths from a list file: one per line, blank lines and # comments skipped. */
function readFileList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim().replaceAll('\\', '/'))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function packageVersion(root: string): string {
  try {
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const signReleaseCommand: Command = {
  name: 'sign-release',
  summary: '生成 SM2 签名的发布清单（每个发布文件的 SM3）',
  usage:
    'gm sign-release --key release-key.pem --root DIR [--files-from LIST] [--version V] [--out FILE]\n  --key FILE        发布签名私钥\n  --root DIR        发布根目录（清单中的路径相对于它）\n  --files-from LIST 文件清单（每行一个相对路径）；默认为本仓库的发布文件集合（git 跟踪的源代码 + apps/web/dist）\n  --version V       版本号（默认 DIR/package.json 的 version）\n  --out FILE        清单输出（默认 DIR/release-manifest.json）',
  options: { key: { type: 'string' }, root: { type: 'string' }, 'files-from': { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const keyFile = required(values, 'key');
    const root = path.resolve(required(values, 'root'));
    const list = optional(values, 'files-from');
    const out = optional(values, 'out') ?? path.join(root, 'release-manifest.json');
    const privateKey = readPrivateKeyFile(keyFile);
    const { files, source } = list ? { files: readFileList(list), source: list } : listShippedFilesForRelease(root);
    const manifest = await createReleaseManifest({ root, files, privateKey, version: optional(values, 'version') ?? packageVersion(root) });
    writeOutput(out, `${JSON.stringify(manifest, null, 2)}\n`);
    process.stdout.write(
      `已签名发布清单：${manifest.files.length} 个文件（来源 ${source}），版本 ${manifest.version}，签名者 ${manifest.signerKeyId.slice(0, 16)}…，写入 ${out}\n`,
    );
    return 0;
  },
};

export const verifyReleaseCommand: Command = {
  name: 'verify-release',
  summary: '离线校验发布清单的签名与每个文件的 SM3：全部一致才退出码 0',
  usage:
    'gm verify-release --pub release-pub.pem --root DIR [--manifest FILE] [--files-from LIST]\n  --pub FILE        发布签名公钥\n  --root DIR        待校验的发布根目录\n  --manifest FILE   清单（默认 DIR/release-manifest.json）\n  --files-from LIST 应列入清单的文件（默认为本仓库的发布文件集合，按磁盘查找）',
  options: { pub: { type: 'string' }, root: { type: 'string' }, manifest: { type: 'string' }, 'files-from': { type: 'string' } },
  async run(values) {
    const publicKey = readPublicKeyFile(required(values, 'pub'));
    const root = path.resolve(required(values, 'root'));
    const manifestFile = optional(values, 'manifest') ?? path.join(root, 'release-manifest.json');
    const list = optional(values, 'files-from');
    const present = list ? readFileList(list).filter((f) => existsSync(path.join(root, f))) : listShippedFilesOnDisk(root);
    const result = await verifyReleaseManifest({ root, manifest: readFileSync(manifestFile), manifestName: path.basename(manifestFile), publicKey, present });
    for (const problem of result.problems) process.stderr.write(`${problem.message}\n`);
    if (!result.ok) {
      process.stderr.write(`发布完整性校验失败：${result.problems.length} 处问题\n`);
      return 1;
    }
    process.stdout.write(`发布完整性校验通过：${result.manifest?.files.length} 个文件，版本 ${result.manifest?.version}\n`);
    return 0;
  },
};
