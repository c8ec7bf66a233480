import { sm3Hex } from '@shtp/gm';
import { SimulatorFaults } from '../simulator-faults.ts';
import { type ExchangeManifest, type ExchangeRequest, ExchangeUnavailableError, type InsuranceExchangePort } from './insurance-exchange.port.ts';

/**
 * The association's side in memory: requests dropped by tests or the demo, responses checked as the association
 * checks them (the manifest's count and SM3 must match the data file, else the marker is err), and failures on demand
 * — `failNext(n, 'mid-file')` takes the first chunk of the data file and then drops the connection, leaving a
 * half-written file without manifest or marker.
 */
export class InsuranceExchangeSimulator implements InsuranceExchangePort {
  readonly configured = true;
  private readonly requests = new Map<string, ExchangeRequest>();
  readonly markers = new Map<string, { marker: 'ok' | 'err'; reason?: string }>();
  readonly files = new Map<string, { data: Buffer; manifest?: ExchangeManifest }>();
  /** How many times each name's data file was started (a resend writes it again). */
  readonly writes = new Map<string, number>();
  private readonly faults = new SimulatorFaults<'unavailable' | 'mid-file'>();

  drop(request: ExchangeRequest): void {
    this.requests.set(request.name, request);
  }

  failNext(n: number, kind: 'unavailable' | 'mid-file' = 'unavailable'): void {
    this.faults.inject(kind, n);
  }

  async pendingRequests(): Promise<ExchangeRequest[]> {
    if (this.faults.take('unavailable')) throw new ExchangeUnavailableError('交换目录暂不可用（模拟器注入故障）');
    return [...this.requests.values()].filter((r) => !this.markers.has(r.name));
  }

  async answered(name: string): Promise<ExchangeManifest | null> {
    return this.markers.get(name)?.marker === 'ok' ? (this.files.get(name)?.manifest ?? null) : null;
  }

  async sendResponse(name: string, data: AsyncIterable<Uint8Array>, manifest: () => ExchangeManifest): Promise<void> {
    if (this.faults.take('unavailable')) throw new ExchangeUnavailableError('交换目录暂不可用（模拟器注入故障）');
    this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
    const midFile = this.faults.take('mid-file');
    const chunks: Uint8Array[] = [];
    const dropped = () => {
      this.files.set(name, { data: Buffer.concat(chunks) });
      return new ExchangeUnavailableError('写入响应文件时连接中断（模拟器注入故障）');
    };
    for await (const chunk of data) {
      chunks.push(chunk);
      if (midFile) throw dropped();
    }
    // An empty response breaks before its manifest.
    if (midFile) throw dropped();
    const file = Buffer.concat(chunks);
    const m = manifest();
    this.files.set(name, { data: file, manifest: m });
    const lines = file.length === 0 ? 0 : file.toString('utf8').trimEnd().split('\n').length;
    const valid = m.count === lines && m.sm3 === sm3Hex(file);
    this.markers.set(name, valid ? { marker: 'ok' } : { marker: 'err', reason: '清单的条数或 SM3 与数据文件不符' });
  }

  async rejectRequest(name: string, reason: string): Promise<void> {
    this.markers.set(name, { marker: 'err', reason });
  }
}
