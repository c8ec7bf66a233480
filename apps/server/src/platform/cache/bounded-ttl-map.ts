/**
 * Values an instance read from the database and may answer from for a while (ADR 0016: sessions, service accounts):
 * each is served while it is at most `maxAgeMs` old (0: never), at most `maxEntries` are held (the oldest read is
 * dropped first), and a read that began before an invalidation is not kept — it may predate the change.
 */
export class BoundedTtlMap<V extends { readAt: number }> {
  private readonly entries = new Map<string, V>();
  /** Moves on with every invalidation: a read begun before it is not kept. */
  private generation = 0;

  constructor(private readonly maxEntries: number) {}

  /** The value of `key` if it was read at most `maxAgeMs` before `now`; an older one is forgotten. */
  get(key: string, now: number, maxAgeMs: number): V | undefined {
    if (maxAgeMs <= 0) return undefined;
    const value = this.entries.get(key);
    if (value && now - value.readAt > maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return value;
  }

  /** Call before reading from the database; hand the result to `keep` with what was read. */
  mark(): number {
    return this.generation;
  }

  /** Keeps a value read since `mark`, unless an invalidation came in between. */
  keep(key: string, value: V, mark: number): void {
    if (mark !== this.generation) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  /** Something changed: drops the entry of `key`, or every entry, and spoils the reads in flight. */
  invalidate(key?: string): void {
    this.generation++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  /** Drops one entry (a refusal was decided on a fresh read); reads in flight are not affected. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
