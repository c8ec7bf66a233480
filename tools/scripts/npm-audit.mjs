#!/usr/bin/env node
// IP-3 (等保 8.1.4.4e, known vulnerabilities): `npm audit --omit=dev` against the registry, failing at a severity
// threshold (default high: high and critical fail). Run by .ci/run after `npm ci`; docs/operations/dependency-audit.md.
//
// Three outcomes, told apart because a registry mirror may not implement the audit endpoint at all:
//   exit 0  audited: nothing at or above the threshold (lower findings are listed)
//   exit 1  audited: vulnerabilities at or above the threshold (each listed with its advisory)
//   exit 3  NOT audited: the audit endpoint did not answer with a report (unreachable, refused, 405 from a mirror …)
//
//   node tools/scripts/npm-audit.mjs [--level=low|moderate|high|critical]     (or AUDIT_LEVEL)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];
export const DEFAULT_LEVEL = 'high';
export const EXIT = { clean: 0, vulnerable: 1, usage: 2, unavailable: 3 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Advisories behind one vulnerable package: `via` holds advisory objects, or names of other vulnerable packages. */
function advisoriesOf(vulnerability) {
  return (vulnerability.via ?? []).filter((v) => typeof v === 'object' && v !== null).map((v) => ({ title: v.title ?? '', url: v.url ?? '' }));
}

/**
 * Reads `npm audit --json` output. A report (auditReportVersion and metadata.vulnerabilities) is an audit; anything
 * else — npm's `{ message, error }` when the endpoint fails, empty or non-JSON output — is "not audited", with the
 * reason npm gave. Findings at or above `level` fail; the rest are listed as below the threshold.
 */
export function classifyAudit(stdout, level = DEFAULT_LEVEL, stderr = '') {
  if (!SEVERITIES.includes(level)) throw new Error(`未知的严重级别 ${level}（可选 ${SEVERITIES.join('、')}）`);
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!report || typeof report.auditReportVersion !== 'number' || typeof counts !== 'object' || counts === null) {
    const reason = report?.message || report?.error?.summary || stderr.trim().split('\n').at(-1) || '没有输出';
    return { outcome: 'unavailable', reason };
  }
  const threshold = SEVERITIES.indexOf(level);
  const findings = Object.values(report.vulnerabilities ?? {})
    .map((v) => ({ name: v.name, severity: v.severity, range: v.range ?? '', advisories: advisoriesOf(v), fixAvailable: Boolean(v.fixAvailable) }))
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.name.localeCompare(b.name));
  const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= threshold);
  const below = findings.filter((f) => SEVERITIES.indexOf(f.severity) < threshold);
  return {
    outcome: failing.length ? 'vulnerable' : 'clean',
    counts: Object.fromEntries(SEVERITIES.map((s) => [s, Number(counts[s] ?? 0)])),
    dependencies: Number(report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total ?? 0),
    failing,
    below,
  };
}

const line = (f) =>
  `  [${f.severity}] ${f.name} ${f.range}${f.fixAvailable ? '（有修复版本：npm audit fix）' : ''}\n` +
  f.advisories.map((a) => `      ${a.title} ${a.url}`.trimEnd()).join('\n');

/** The console text for a classified result. */
export function describeAudit(result, level = DEFAULT_LEVEL) {
  if (result.outcome === 'unavailable') {
    return `⚠ 未完成依赖漏洞审计：审计接口没有返回报告（${result.reason}）。\n  这不是“没有漏洞”：registry（或其镜像）不提供 npm audit 接口，或网络不通。见 docs/operations/dependency-audit.md。`;
  }
  const summary = SEVERITIES.map((s) => `${s} ${result.counts[s]}`).join('，');
  const head = `npm audit --omit=dev：${result.dependencies} 个生产依赖，发现 ${summary}；阈值 ${level}（含）以上视为失败`;
  const parts = [head];
  if (result.failing.length) parts.push(`✗ ${result.failing.length} 个依赖达到阈值：\n${result.failing.map(line).join('\n')}`);
  if (result.below.length) parts.push(`低于阈值（仅提示）：\n${result.below.map(line).join('\n')}`);
  if (!result.failing.length) parts.push('✓ 没有达到阈值的已知漏洞');
  return parts.join('\n');
}

function parseLevel(argv, env) {
  const arg = argv.find((a) => a.startsWith('--level='));
  const level = arg ? arg.slice('--level='.length) : env.AUDIT_LEVEL || DEFAULT_LEVEL;
  if (!SEVERITIES.includes(level)) {
    console.error(`用法：node tools/scripts/npm-audit.mjs [--level=${SEVERITIES.join('|')}]（未知级别 ${level}）`);
    process.exit(EXIT.usage);
  }
  return level;
}

function main() {
  const level = parseLevel(process.argv.slice(2), process.env);
  const run = spawnSync(NPM, ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) {
    console.error(describeAudit({ outcome: 'unavailable', reason: `无法运行 npm：${run.error.message}` }, level));
    process.exit(EXIT.unavailable);
  }
  const result = classifyAudit(run.stdout, level, run.stderr);
  const text = describeAudit(result, level);
  if (result.outcome === 'clean') console.log(text);
  else console.error(text);
  process.exit(EXIT[result.outcome]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
