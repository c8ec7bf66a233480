import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** How long after the last answer the console counts as idle: the requests of one page switch come in a burst. */
const QUIET_MS = 150;
/** A background job waits at most this long for a pause, so that a busy console slows it down but never stops it. */
const MAX_WAIT_MS = 2_000;
const POLL_MS = 20;

/**
 * The requests the server is answering, so that long background work (the demo population, exports) can give them
 * the event loop first: with the embedded database every query runs on the one thread, and a batch written while a
 * page loads makes the user wait for it (issue #20: the console must stay usable while the population runs).
 */
export class RequestActivity {
  private active = 0;
  private lastAnswered = 0;

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    this.lastAnswered = Date.now();
  }

  /** No request in progress and none answered within the quiet period. */
  idle(now = Date.now()): boolean {
    return this.active === 0 && now - this.lastAnswered >= QUIET_MS;
  }

  /**
   * Resolves when the console is idle, after `maxWaitMs` at the latest, or when the signal aborts — always after one
   * turn of the event loop at least. PGlite answers without I/O, so a job's queries chain as microtasks only: while
   * "idle" the loop never reached its poll phase, a request not yet read could not make it busy, and the temp-plate
   * demo intake (100 businesses per page) held every request, even /api/health, for 1–3 s at a time during the
   * first ~30 s (issue #20; /api/health on new connections: 0.9–3.2 s before, under 0.35 s after, same busy box).
   */
  async quiet(signal?: AbortSignal, maxWaitMs = MAX_WAIT_MS): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    await nextTurn();
    while (!this.idle() && Date.now() < deadline && !signal?.aborted) await sleep(POLL_MS);
  }
}
