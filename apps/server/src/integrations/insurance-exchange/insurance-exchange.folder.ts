import { createWriteStream } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { type ExchangeManifest, type ExchangeRequest, ExchangeUnavailableError, type InsuranceExchangePort } from './insurance-exchange.port.ts';

const RequestFile = z.object({ requestId: z.string().min(1).max(64), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
const ManifestFile = z.object({ requestId: z.string(), count: z.number().int(), sm3: z.string(), producedAt: z.string() });

/**
 * The real exchange: a folder (a mounted share or the boundary gateway's drop folder). Files are written under a
 * temporary name and renamed, the marker last, so the association never reads a half-written response; the data
 * file is streamed to disk (a response of a million records never sits in memory).
 */
export class FolderInsuranceExchange implements InsuranceExchangePort {
  readonly configured = true;
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

  async answered(name: string): Promise<ExchangeManifest | null> {
    const target = path.join(this.dir, name);
    const hasMarker = await stat(`${target}.ok`).then(
      () => true,
      () => false,
    );
    if (!hasMarker) return null;
    const parsed = ManifestFile.safeParse(JSON.parse(await this.io(() => readFile(`${target}.manifest.json`, 'utf8')).catch(() => '{}')));
    return parsed.success ? parsed.data : null;
  }

  private async put(name: string, content: string | AsyncIterable<Uint8Array>): Promise<void> {
    const target = path.join(this.dir, name);
    await this.io(async () => {
      if (typeof content === 'string') await writeFile(`${target}.part`, content);
      else await pipeline(Readable.from(content), createWriteStream(`${target}.part`));
      await rename(`${target}.part`, target);
    });
  }

  async sendResponse(name: string, data: AsyncIterable<Uint8Array>, manifest: () => ExchangeManifest): Promise<void> {
    await this.put(`${name}.dat`, data);
    await this.put(`${name}.manifest.json`, JSON.stringify(manifest()));
    await this.put(`${name}.ok`, '');
  }

  async rejectRequest(name: string, reason: string): Promise<void> {
    await this.put(`${name}.err`, reason);
  }
}
