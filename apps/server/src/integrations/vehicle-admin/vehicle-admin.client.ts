import { CURSOR, FEED_PATH, MAX_PAGE, VehicleAdminError, type VehicleAdminPage, type VehicleAdminPort } from './vehicle-admin.port.ts';

/** The HTTP client of the 车驾管 feed: `GET <url>/temp-plates?after=<cursor>&limit=<n>` → `{ items, next }`. */
export class HttpVehicleAdminClient implements VehicleAdminPort {
  constructor(private readonly opts: { url: string; timeoutMs: number }) {}

  async tempPlatesAfter(cursor: string | null, limit: number): Promise<VehicleAdminPage> {
    if (cursor !== null && !CURSOR.test(cursor)) throw new VehicleAdminError('游标格式无效', false);
    const url = new URL(FEED_PATH.slice(1), this.opts.url.endsWith('/') ? this.opts.url : `${this.opts.url}/`);
    if (cursor !== null) url.searchParams.set('after', cursor);
    url.searchParams.set('limit', String(Math.min(Math.max(limit, 1), MAX_PAGE)));
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      throw new VehicleAdminError(
        name === 'TimeoutError' ? `车驾管系统超时（${Math.round(this.opts.timeoutMs / 1000)} 秒）` : `车驾管系统无法连接：${name}`,
        true,
      );
    }
    if (!res.ok) {
      const refusal = res.status < 500 ? ((await res.json().catch(() => null)) as { message?: unknown } | null) : null;
      const reason = typeof refusal?.message === 'string' ? `：${refusal.message.slice(0, 200)}` : '';
      throw new VehicleAdminError(`车驾管系统返回 ${res.status}${reason}`, res.status >= 500);
    }
    const body = (await res.json()) as Partial<VehicleAdminPage>;
    if (!Array.isArray(body.items) || (body.next !== null && typeof body.next !== 'string')) throw new VehicleAdminError('车驾管系统返回格式无效', false);
    return { items: body.items, next: body.next ?? null };
  }
}
