/** A fault a simulator is told to produce: answer 503, or hang until the client gives up. */
export type SimulatorFault = 'timeout' | 'error';

/**
 * The faults queued for a simulator's next requests (shared by the simulators). A hung request is held until it is
 * released — after a minute, or by `releaseAll` when the simulator closes, so that close never waits. An in-process
 * simulator may name faults of its own (`F`) and take one only at the step it belongs to (`take`).
 */
export class SimulatorFaults<F extends string = SimulatorFault> {
  private readonly queue: F[] = [];
  private readonly hanging = new Set<() => void>();

  inject(fault: F, count = 1): void {
    for (let i = 0; i < count; i++) this.queue.push(fault);
  }

  /** The fault for this request, after its hang for a timeout; null: answer normally. */
  async next(): Promise<F | null> {
    const fault = this.queue.shift() ?? null;
    if (fault === 'timeout') {
      await new Promise<void>((resolve) => {
        const release = () => {
          clearTimeout(timer);
          this.hanging.delete(release);
          resolve();
        };
        const timer = setTimeout(release, 60_000);
        this.hanging.add(release);
      });
    }
    return fault;
  }

  /** Whether the next queued fault is `fault`, taking it if so (another fault stays queued for its own step). */
  take(fault: F): boolean {
    if (this.queue[0] !== fault) return false;
    this.queue.shift();
    return true;
  }

  releaseAll(): void {
    for (const release of [...this.hanging]) release();
  }
}
