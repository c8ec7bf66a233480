#!/usr/bin/env node
// `npm test`: every test stage, then a summary with durations; exits non-zero when any stage fails.
//   unit  vitest run — all projects (core, server, web), the server on in-memory PGlite
//   pg    the server project again on a throwaway PostgreSQL cluster (pg-cluster.mjs: Debian's binaries, initdb in a temp dir),
//         except the OCR accuracy files (PG_SKIP)
//   e2e   builds the console and the handheld app (with its bundle budget), then tests/e2e in headless Chromium against the real server
// Options: --only=unit|pg|e2e (comma-separated for several). A stage whose PostgreSQL or Chromium is missing
// is skipped with a warning, or fails when CI=true. CHROMIUM_PATH overrides /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresUnavailable, startThrowawayPostgres } from './pg-cluster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const CI = process.env.CI === 'true' || process.env.CI === '1';
const STAGES = ['unit', 'pg', 'e2e'];

class SkipStage extends Error {}

function parseArgs(argv) {
  let only = STAGES;
  for (const arg of argv) {
    if (arg.startsWith('--only=')) {
      only = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = only.filter((s) => !STAGES.includes(s));
      if (unknown.length || only.length === 0) usage(`未知阶段：${unknown.join(',') || '(空)'}`);
    } else if (arg === '--help' || arg === '-h') {
      usage();
    } else {
      usage(`未知参数：${arg}`);
    }
  }
  return { only };
}

function usage(error) {
  if (error) console.error(error);
  console.error('用法：npm test [-- --only=unit|pg|e2e[,…]]');
  process.exit(error ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Child processes: all run in the foreground process group, so a Ctrl-C reaches them straight from the terminal.
// A signal sent to this process alone (kill, CI timeout) is passed on to the running child.

let current = null;
let interrupted = null;

function onSignal(signal) {
  if (!interrupted) console.error(`\n[test] 收到 ${signal}，正在停止并清理 …`);
  interrupted ??= signal;
  if (current && current.exitCode === null) current.kill(signal);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** Runs a command with inherited stdio; resolves with its exit code (signals count as failures). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    current = child;
    child.on('error', (err) => {
      console.error(`[test] 无法运行 ${command}：${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Test counts, read from vitest's JSON report, for the closing "N passed, N failed" line.

const counts = { passed: 0, failed: 0, skipped: 0 };
let reportDir;

function reportFile(name) {
  reportDir ??= mkdtempSync(path.join(os.tmpdir(), 'shtp-test-report-'));
  return path.join(reportDir, `${name}.json`);
}

function vitestArgs(name, extra) {
  return [VITEST, 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile(name)}`];
}

function addCounts(name) {
  try {
    const report = JSON.parse(readFileSync(reportFile(name), 'utf8'));
    counts.passed += report.numPassedTests ?? 0;
    counts.failed += report.numFailedTests ?? 0;
    counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    return { tests: report.numTotalTests ?? 0, failed: report.numFailedTests ?? 0 };
  } catch {
    return null; // vitest did not get as far as writing the report; its exit code tells
  }
}

async function vitest(name, extra, env) {
  const code = await run(process.execPath, vitestArgs(name, extra), { env });
  const tally = addCounts(name);
  if (code !== 0) throw new Error(`vitest 退出码 ${code}`);
  if (!tally || tally.tests === 0) throw new Error('vitest 没有执行任何测试');
  return `${tally.tests} 个测试`;
}

function missing(message) {
  if (CI) throw new Error(`${message}（CI=true 时必须具备）`);
  throw new SkipStage(message);
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 1: unit

function unitStage() {
  return vitest('unit', []);
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 2: PostgreSQL

/**
 * Server tests that gain nothing from a second database: the OCR accuracy runs (recognition has no tables of its own;
 * the audit and parameter rows they write are the platform's, exercised on PostgreSQL by the other files). They are
 * the slowest files of the suite (≈ 90 s), so they run once, in the unit stage.
 */
const PG_SKIP = ['apps/server/test/recognition/recognition.test.ts', 'apps/server/test/recognition/recognition-documents.test.ts'];

async function pgStage() {
  let cluster;
  try {
    cluster = await startThrowawayPostgres({ log: (m) => console.log(`[pg] ${m}`), warn: (m) => console.error(`[pg] ${m}`) });
  } catch (err) {
    if (err instanceof PostgresUnavailable) missing(err.message);
    throw err;
  }
  try {
    if (interrupted) throw new Error(`被 ${interrupted} 中断`);
    return await vitest('pg', ['--project', 'server', ...PG_SKIP.flatMap((file) => ['--exclude', file])], { TEST_DATABASE_URL: cluster.url });
  } finally {
    cluster.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 3: browser

async function e2eStage() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) missing(`未找到 Chromium（${chromium}）；安装：apt-get install chromium，或设置 CHROMIUM_PATH`);
  console.log('[e2e] 构建管理控制台 …');
  const build = await run(NPM, ['run', 'build', '--workspace', 'apps/web']);
  if (build !== 0) throw new Error(`控制台构建失败（退出码 ${build}）`);
  const pda = await run(NPM, ['run', 'build', '--workspace', 'apps/pda']);
  if (pda !== 0) throw new Error(`执法终端构建失败（退出码 ${pda}，含体积预算检查）`);
  if (interrupted) throw new Error(`被 ${interrupted} 中断`);
  return vitest('e2e', ['--config', 'tests/e2e/vitest.config.ts'], { CHROMIUM_PATH: chromium });
}

// ---------------------------------------------------------------------------------------------------------------

const STAGE_INFO = {
  unit: { title: '单元/组件测试（vitest，PGlite）', run: unitStage },
  pg: { title: '服务端测试（PostgreSQL）', run: pgStage },
  e2e: { title: '浏览器端到端测试（Chromium）', run: e2eStage },
};

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  const { only } = parseArgs(process.argv.slice(2));
  const results = [];
  const begin = Date.now();
  for (const name of STAGES.filter((s) => only.includes(s))) {
    const info = STAGE_INFO[name];
    if (interrupted) {
      results.push({ name, title: info.title, status: 'skipped', note: `被 ${interrupted} 中断`, ms: 0 });
      continue;
    }
    console.log(`\n━━━ [${name}] ${info.title} ━━━`);
    const t0 = Date.now();
    try {
      const note = await info.run();
      results.push({ name, title: info.title, status: 'passed', note, ms: Date.now() - t0 });
    } catch (err) {
      const skipped = err instanceof SkipStage;
      console.error(`${skipped ? '⚠ 警告' : '✗ 失败'} [${name}]：${err.message}`);
      results.push({ name, title: info.title, status: skipped ? 'skipped' : 'failed', note: err.message.split('\n')[0], ms: Date.now() - t0 });
    }
  }
  if (reportDir) rmSync(reportDir, { recursive: true, force: true });

  const mark = { passed: '✓ 通过', failed: '✗ 失败', skipped: '⚠ 跳过' };
  console.log('\n━━━ 测试汇总 ━━━');
  for (const r of results) console.log(`${mark[r.status]}  ${r.name.padEnd(4)}  ${seconds(r.ms).padStart(8)}  ${r.title}${r.note ? ` — ${r.note}` : ''}`);
  console.log(`合计 ${seconds(Date.now() - begin)}`);
  const failed = results.some((r) => r.status === 'failed') || interrupted;
  // The plain closing line: tests counted over all stages.
  console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
