/** The machine's load and a process's CPU time, for benches that drive a real server on a shared machine. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** The 1, 5 and 15 minute load averages, as printed beside every figure. */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Clock ticks per second of /proc's CPU times. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, all threads) a process has used so far, in ms; undefined off Linux. CPU per answer holds
 * better than req/s on a shared machine: a server that waits for the cores still spends the same CPU per request.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU ms (user + system) a /proc process has used so far, with its parent's pid and its command line; undefined once gone. */
function procCpu(pid: string): { ms: number; ppid: string; title: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS, ppid: fields[1]!, title };
  } catch {
    return undefined;
  }
}

/** CPU ms so far of PostgreSQL's processes, by pid: the backends serving one database, and the whole cluster. */
export interface PostgresCpu {
  /** The backends whose title names the database (its connections and autovacuum workers there). */
  database: Map<string, number>;
  /** The postmaster of those backends and all its children: every database's backends, WAL writer, checkpointer, … */
  cluster: Map<string, number>;
}

/**
 * CPU time of the PostgreSQL cluster serving `url`'s database, from /proc (Linux; empty maps elsewhere or when the
 * server runs on another host). The cluster is found through the database's backends (their parent, the postmaster).
 */
export function postgresCpu(url: string): PostgresCpu {
  const dbName = new URL(url).pathname.slice(1);
  const all = new Map<string, { ms: number; ppid: string; title: string }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    // not Linux
  }
  for (const pid of pids) {
    const p = procCpu(pid);
    if (p) all.set(pid, p);
  }
  const database = new Map<string, number>();
  const postmasters = new Set<string>();
  for (const [pid, p] of all) {
    if (!p.title.startsWith('postgres: ') || !p.title.includes(` ${dbName} `)) continue;
    database.set(pid, p.ms);
    postmasters.add(p.ppid);
  }
  const cluster = new Map<string, number>();
  for (const [pid, p] of all) if (postmasters.has(pid) || postmasters.has(p.ppid)) cluster.set(pid, p.ms);
  return { database, cluster };
}

/**
 * CPU ms the processes alive now used since `before` (a process started meanwhile counts whole). One that exited
 * meanwhile takes its share with it — never a negative figure (e.g. a pool's idle connection closed).
 */
export function postgresCpuSince(url: string, before: PostgresCpu): { database: number; cluster: number } {
  const now = postgresCpu(url);
  const since = (after: Map<string, number>, was: Map<string, number>) => {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (was.get(pid) ?? 0);
    return total;
  };
  return { database: since(now.database, before.database), cluster: since(now.cluster, before.cluster) };
}
