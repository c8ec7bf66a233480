/**
 * Database work of one kind that arrives while a batch of that kind runs waits and goes in the next batch, all of it
 * at once (up to `maxWeight`): one statement, one round trip and one turn of the event loop for many callers instead
 * of one each (N1). The first caller is never delayed — there is no timer — so an idle server answers as fast as
 * without it, and a busy one forms larger batches by itself. Each caller gets its own result.
 *
 * A batch that fails is run again item by item, so that an item that cannot be done fails only its own caller.
 */
export class Coalescer<In, Out> {
  private waiting: { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = [];
  private running = false;

  constructor(
    /** Does the items of one batch, in order; answers one result per item, in the same order. */
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly limits: { maxWeight: number; weight?: (item: In) => number },
  ) {}

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** The next batch: the waiting items in order, up to `maxWeight` (at least one item, never split). */
  private next() {
    const weight = this.limits.weight ?? (() => 1);
    let total = 0;
    let count = 0;
    for (const w of this.waiting) {
      if (count > 0 && total + weight(w.item) > this.limits.maxWeight) break;
      total += weight(w.item);
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.next();
      try {
        const out = await this.run(batch.map((w) => w.item));
        for (const [i, w] of batch.entries()) w.resolve(out[i]!);
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        else
          for (const w of batch)
            await this.run([w.item]).then(
              ([out]) => w.resolve(out!),
              (e: unknown) => w.reject(e),
            );
      }
    }
    this.running = false;
  }
}
