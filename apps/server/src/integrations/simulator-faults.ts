/** A fault a simulator is told to produce: answer 503, or hang until the client gives up. */
export type SimulatorFault = 'timeout' | 'error';

/**
 * The faults queued for a simulator's next requests (shared by the loopback simulators). A hung request is held
 * until it is released — after a minute, or by `releaseAll` when the simulator closes, so that close never waits.
 */
export class SimulatorFaults {
  private readonly queue: SimulatorFault[] = [];
  private readonly hanging = new Set<() => void>();

  inject(fault: SimulatorFault, count = 1): void {
    for (let i = 0; i < count; i++) this.queue.push(fault);
  }

  /** The fault for this request, after its hang for a timeout; null: answer normally. */
  async next(): Promise<SimulatorFault | null> {
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

  releaseAll(): void {
    for (const release of [...this.hanging]) release();
  }
}
