import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * What a release of this repository ships (C3) — the one definition used by `gm sign-release`, `gm verify-release`
 * and the server's start-up check. Source is signed as git tracks it (an untracked scratch file is not part of a
 * release); build output (apps/web/dist) as found on disk. node_modules is not signed: it is restored from the signed
 * package-lock.json, whose integrity hashes npm checks on install.
 */

export interface ShippedFileRule {
  /** Folders whose files ship, relative to the root; a `*` segment matches any one folder name. */
  sourceDirs: readonly string[];
  /** Single files that ship; a `*` segment matches any one folder name. */
  sourceFiles: readonly string[];
  /** Build output: not in git, taken from disk. */
  buildDirs: readonly string[];
  /** Paths (relative, POSIX) that never ship even inside the folders above. */
  exclude: readonly RegExp[];
}

export const SHIPPED_FILES: ShippedFileRule = {
  sourceDirs: ['apps/server/src', 'apps/server/drizzle', 'packages/*/src', 'packages/*/bin'],
  sourceFiles: ['package.json', 'package-lock.json', 'apps/*/package.json', 'packages/*/package.json', 'tools/package.json', 'tools/scripts/start.mjs'],
  buildDirs: ['apps/web/dist'],
  exclude: [/(^|\/)node_modules\//, /\.test\.tsx?$/, /(^|\/)test-[^/]*\.ts$/, /\.md$/i],
};

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Expands one `*` segment pattern against the disk; returns the matching relative paths. */
function expand(root: string, pattern: string): string[] {
  let found = [''];
  for (const segment of pattern.split('/')) {
    const next: string[] = [];
    for (const base of found) {
      if (segment !== '*') {
        next.push(base ? `${base}/${segment}` : segment);
        continue;
      }
      let names: string[] = [];
      try {
        names = readdirSync(path.join(root, base));
      } catch {
        names = [];
      }
      for (const name of names) if (name !== 'node_modules') next.push(base ? `${base}/${name}` : name);
    }
    found = next;
  }
  return found;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Every file below a folder (relative to root, POSIX), skipping node_modules. */
function walk(root: string, dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules') continue;
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

/** Whether a relative POSIX path falls under the rule's source folders or files (ignoring build output). */
function inSource(rule: ShippedFileRule, rel: string): boolean {
  const matches = (pattern: string, p: string) => {
    const a = pattern.split('/');
    const b = p.split('/');
    return a.length === b.length && a.every((seg, i) => seg === '*' || seg === b[i]);
  };
  if (rule.sourceFiles.some((f) => matches(f, rel))) return true;
  return rule.sourceDirs.some((d) => {
    const depth = d.split('/').length;
    return rel.split('/').length > depth && matches(d, rel.split('/').slice(0, depth).join('/'));
  });
}

const excluded = (rule: ShippedFileRule, rel: string) => rule.exclude.some((re) => re.test(rel));

/** The shipped files found on disk under root, sorted (what a verifier compares the manifest against). */
export function listShippedFilesOnDisk(root: string, rule: ShippedFileRule = SHIPPED_FILES): string[] {
  const out: string[] = [];
  for (const dir of [...rule.sourceDirs, ...rule.buildDirs]) for (const d of expand(root, dir)) walk(root, d, out);
  for (const file of rule.sourceFiles) for (const f of expand(root, file)) if (isFile(path.join(root, f))) out.push(f);
  return [...new Set(out.map(toPosix))].filter((f) => !excluded(rule, f)).sort();
}

/**
 * The files a release signs: git-tracked source under the rule plus build output on disk. Without git (an unpacked
 * release, not a checkout) it falls back to the disk and says so in `source`.
 */
export function listShippedFilesForRelease(root: string, rule: ShippedFileRule = SHIPPED_FILES): { files: string[]; source: 'git' | 'disk' } {
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 })
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return { files: listShippedFilesOnDisk(root, rule), source: 'disk' };
  }
  const build: string[] = [];
  for (const dir of rule.buildDirs) for (const d of expand(root, dir)) walk(root, d, build);
  // A file deleted from the work tree but still in the index is not shipped.
  const source = tracked.filter((f) => inSource(rule, f) && isFile(path.join(root, f)));
  const files = [...new Set([...source, ...build].map(toPosix))].filter((f) => !excluded(rule, f)).sort();
  return { files, source: 'git' };
}
