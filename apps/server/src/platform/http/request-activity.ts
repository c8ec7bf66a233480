import { setTimeout as sleep } from 'node:timers/promises';

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

  /** Resolves when the console is idle, after `maxWaitMs` at the latest, or when the signal aborts. */
  async quiet(signal?: AbortSignal, maxWaitMs = MAX_WAIT_MS): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (!this.idle() && Date.now() < deadline && !signal?.aborted) await sleep(POLL_MS);
  }
}
