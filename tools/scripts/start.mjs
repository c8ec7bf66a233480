#!/usr/bin/env node
// `npm start`: builds the console and the handheld app when their dist is missing or older than their sources, then runs the server
// (apps/server/src/main.ts through tsx) in the foreground. Environment (PORT, HOST, DATA_DIR, DATABASE_URL, NODE_ENV, …)
// passes through unchanged; DATA_DIR defaults to ./data in the repository root.
// `npm start -- --zones=both`: the police zone (PORT, default 8080, ./data) and the internet zone (INTERNET_PORT, default
// 8081, ./data-internet, its own master key) side by side, each on its own embedded database, joined only by two
// folders standing in for the gap (./data-gap/police-to-internet and ./data-gap/internet-to-police), each zone reading
// the public key the other publishes. `--zones=internet` starts the internet zone alone (ZONE=internet).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The browser apps the server serves, each rebuilt when its dist is missing or older than its sources (the shared core included). */
const APPS = [
  { workspace: 'apps/web', title: '管理控制台' },
  { workspace: 'apps/pda', title: '交通执法终端（/pda）' },
].map((a) => ({
  ...a,
  dist: path.join(ROOT, a.workspace, 'dist'),
  sources: ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(ROOT, a.workspace, p)).concat(path.join(ROOT, 'packages/core/src')),
}));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function buildIfStale(app) {
  const reason = !existsSync(path.join(app.dist, 'index.html'))
    ? `尚未构建 (${app.workspace}/dist 不存在)`
    : newestMtime(app.dist) < Math.max(...app.sources.map(newestMtime))
      ? `源代码比 ${app.workspace}/dist 新`
      : null;
  if (!reason) return;
  console.log(`[start] 构建${app.title}：${reason} …`);
  const started = Date.now();
  const result = spawnSync(NPM, ['run', 'build', '--workspace', app.workspace], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] ${app.title}构建失败（退出码 ${result.status ?? result.signal}），服务器未启动。`);
    process.exit(result.status || 1);
  }
  console.log(`[start] ${app.title}构建完成（${((Date.now() - started) / 1000).toFixed(1)} s）`);
}

/** Starts one server; `label` prefixes nothing (logs stay as they are) but names it in errors. */
function spawnServer(env, label) {
  // One node process with tsx's loader (what `tsx file` does, minus its wrapper process). It gets its own process
  // group so that a Ctrl-C reaches it once, through the forwarding below, and not also straight from the terminal.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
    detached: process.platform !== 'win32',
  });
  child.on('error', (err) => {
    console.error(`[start] 无法启动${label}：${err.message}`);
    process.exit(1);
  });
  return child;
}

/** The environments of the servers to start, from `--zones=police|internet|both` (default police: `npm start` as before). */
function zoneEnvironments(argv) {
  const arg = argv.find((a) => a.startsWith('--zones='));
  const zones = arg ? arg.slice('--zones='.length) : 'police';
  if (!['police', 'internet', 'both'].includes(zones)) {
    console.error('[start] --zones 须为 police、internet 或 both');
    process.exit(2);
  }
  if (zones === 'police') return [{ env: process.env, label: '服务器' }];
  if (zones === 'internet') return [{ env: { ...process.env, ZONE: 'internet' }, label: '互联网区服务器' }];
  const data = (name) => path.join(ROOT, name);
  const gap = process.env.EXCHANGE_GAP_DIR ?? data('data-gap');
  const policeData = process.env.DATA_DIR ?? data('data');
  const internetData = process.env.INTERNET_DATA_DIR ?? data('data-internet');
  const police = {
    ...process.env,
    ZONE: 'police',
    DATA_DIR: policeData,
    EXCHANGE_OUT_DIR: path.join(gap, 'police-to-internet'),
    EXCHANGE_IN_DIR: path.join(gap, 'internet-to-police'),
    EXCHANGE_PEER_KEY_FILE: path.join(internetData, 'exchange', 'public-key.json'),
  };
  const internet = {
    ...process.env,
    ZONE: 'internet',
    PORT: process.env.INTERNET_PORT ?? '8081',
    DATA_DIR: internetData,
    MASTER_KEY_FILE: process.env.INTERNET_MASTER_KEY_FILE ?? data('keys/internet-master.key'),
    BACKUP_DIR: process.env.INTERNET_BACKUP_DIR ?? data('backups-internet'),
    EXCHANGE_OUT_DIR: path.join(gap, 'internet-to-police'),
    EXCHANGE_IN_DIR: path.join(gap, 'police-to-internet'),
    EXCHANGE_PEER_KEY_FILE: path.join(policeData, 'exchange', 'public-key.json'),
  };
  // One database per zone: an external DATABASE_URL cannot serve both.
  delete internet.DATABASE_URL;
  return [
    { env: police, label: '公安网区服务器' },
    { env: internet, label: '互联网区服务器' },
  ];
}

function runServers(argv) {
  const children = zoneEnvironments(argv).map(({ env, label }) => spawnServer(env, label));
  let forwarded = 0;
  const forward = (signal) => {
    forwarded++;
    // First signal: let the servers close cleanly. A third one (impatient Ctrl-C) kills them.
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      if (forwarded === 1) child.kill(signal);
      else if (forwarded >= 3) child.kill('SIGKILL');
    }
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => forward('SIGTERM'));
  // Should this process end another way, do not leave a server running on its own.
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  let running = children.length;
  let worst = 0;
  for (const child of children) {
    child.on('exit', (code, signal) => {
      if (signal && forwarded === 0) console.error(`[start] 服务器被信号 ${signal} 终止`);
      const status = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
      worst = Math.max(worst, status);
      running--;
      // One zone stopping stops the other: the pair is started and stopped together.
      if (forwarded === 0 && running > 0) forward('SIGTERM');
      if (running === 0) process.exit(worst);
    });
  }
}

for (const app of APPS) buildIfStale(app);
runServers(process.argv.slice(2));
