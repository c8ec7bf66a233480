import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type ExchangeManifest, type ExchangeRequest, ExchangeUnavailableError, type InsuranceExchangePort } from './insurance-exchange.port.ts';

const RequestFile = z.object({ requestId: z.string().min(1).max(64), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

/**
 * The real exchange: a folder (a mounted share or the boundary gateway's drop folder). Files are written under a
 * temporary name and renamed, the marker last, so the association never reads a half-written response.
 */
export class FolderInsuranceExchange implements InsuranceExchangePort {
  constructor(private readonly dir: string) {}

  private async io<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw new ExchangeUnavailableError(`交换目录不可用：${(err as Error).message}`);
    }
  }

  async pendingRequests(): Promise<ExchangeRequest[]> {
    const names = await this.io(() => readdir(this.dir));
    const done = new Set(names.filter((n) => n.endsWith('.ok') || n.endsWith('.err')).map((n) => n.replace(/\.(ok|err)$/, '')));
    const out: ExchangeRequest[] = [];
    for (const file of names.filter((n) => n.endsWith('.req.json'))) {
      const name = file.slice(0, -'.req.json'.length);
      if (done.has(name)) continue;
      const parsed = RequestFile.safeParse(JSON.parse(await this.io(() => readFile(path.join(this.dir, file), 'utf8')).catch(() => '{}')));
      out.push(parsed.success ? { name, ...parsed.data } : { name, requestId: '', from: '', to: '' });
    }
    return out;
  }

  private async put(name: string, content: string | Buffer): Promise<void> {
    const target = path.join(this.dir, name);
    await this.io(async () => {
      await writeFile(`${target}.part`, content);
      await rename(`${target}.part`, target);
    });
  }

  async sendResponse(name: string, data: Buffer, manifest: ExchangeManifest): Promise<void> {
    await this.put(`${name}.dat`, data);
    await this.put(`${name}.manifest.json`, JSON.stringify(manifest));
    await this.put(`${name}.ok`, '');
  }

  async rejectRequest(name: string, reason: string): Promise<void> {
    await this.put(`${name}.err`, reason);
  }
}
