import { CURSOR, MAX_PAGE, VehicleAdminError, type VehicleAdminPage, type VehicleAdminPort } from './vehicle-admin.port.ts';

/** The HTTP client of the 车驾管 feed: `GET <url>/temp-plates?after=<cursor>&limit=<n>` → `{ items, next }`. */
export class HttpVehicleAdminClient implements VehicleAdminPort {
  constructor(private readonly opts: { url: string; timeoutMs: number }) {}

  async tempPlatesAfter(cursor: string | null, limit: number): Promise<VehicleAdminPage> {
    if (cursor !== null && !CURSOR.test(cursor)) throw new VehicleAdminError('游标格式无效', false);
    const url = new URL('temp-plates', this.opts.url.endsWith('/') ? this.opts.url : `${this.opts.url}/`);
    if (cursor !== null) url.searchParams.set('after', cursor);
    url.searchParams.set('limit', String(Math.min(Math.max(limit, 1), MAX_PAGE)));
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      throw new VehicleAdminError(`车驾管系统无法连接：${(err as Error).name}`, true);
    }
    if (!res.ok) throw new VehicleAdminError(`车驾管系统返回 ${res.status}`, res.status >= 500);
    const body = (await res.json()) as Partial<VehicleAdminPage>;
    if (!Array.isArray(body.items) || (body.next !== null && typeof body.next !== 'string')) throw new VehicleAdminError('车驾管系统返回格式无效', false);
    return { items: body.items, next: body.next ?? null };
  }
}
