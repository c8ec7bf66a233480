import { CURSOR, MAX_PAGE, VehicleAdminError, type VehicleAdminPage, type VehicleAdminPort } from './vehicle-admin.port.ts';

/** Where the simulator's businesses come from (the module's demo feed: a seeded, labelled year). */
export type SimulatedFeed = () => Promise<unknown[]>;

/**
 * The 车驾管 feed outside production: serves a simulated stream in pages and refuses what the real system refuses
 * (a malformed cursor, a page over 500). The stream is read once, when the simulator first serves.
 */
export class VehicleAdminSimulator implements VehicleAdminPort {
  private items: unknown[] | null = null;

  constructor(private readonly feed: SimulatedFeed) {}

  private async all(): Promise<unknown[]> {
    this.items ??= await this.feed();
    return this.items;
  }

  async tempPlatesAfter(cursor: string | null, limit: number): Promise<VehicleAdminPage> {
    if (cursor !== null && !CURSOR.test(cursor)) throw new VehicleAdminError('游标格式无效', false);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new VehicleAdminError(`每页条数须为 1–${MAX_PAGE}`, false);
    const all = await this.all();
    const start = cursor === null ? 0 : Number(cursor);
    const items = all.slice(start, start + limit);
    return { items, next: start + items.length < all.length ? String(start + items.length) : null };
  }
}
