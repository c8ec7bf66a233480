import { type LiuheyiAck, type LiuheyiPort, LiuheyiRejectedError, LiuheyiUnavailableError, type LiuheyiWrite } from './liuheyi.port.ts';
import { JKID, parseAnswer, requestForm, writeXml } from './liuheyi.xml.ts';

export const WRITE_PATH = '/pnweb/services/TmriOutAccess/writeObjectOut';
export const QUERY_PATH = '/pnweb/services/TmriOutAccess/queryObjectOut';

/**
 * The HTTP client of 六合一. Personal items travel in the XML body only: nothing of the write is logged here,
 * and error messages carry codes and the far side's message, never the items.
 */
export class HttpLiuheyiClient implements LiuheyiPort {
  constructor(
    private readonly baseUrl: string,
    private readonly licence: string,
    private readonly timeoutMs: number,
  ) {}

  async write(w: LiuheyiWrite): Promise<LiuheyiAck> {
    const a = await this.call(WRITE_PATH, JKID[w.kind], writeXml(w));
    if (a.code !== '1') throw new LiuheyiRejectedError(a.code, a.message || '未说明原因');
    if (a.body.lsh !== w.lsh || !a.body.remoteId) throw new LiuheyiUnavailableError('六合一应答与请求的流水号不符');
    return { lsh: a.body.lsh, remoteId: a.body.remoteId, acceptedAt: a.body.acceptedAt ?? new Date().toISOString(), duplicate: a.body.duplicate === '1' };
  }

  async query(lsh: string): Promise<LiuheyiAck | null> {
    const a = await this.call(
      QUERY_PATH,
      JKID.query,
      `<?xml version="1.0" encoding="UTF-8"?><root><QueryCondition><lsh>${lsh.replace(/\D/g, '')}</lsh></QueryCondition></root>`,
    );
    if (a.code !== '1') return null;
    return { lsh, remoteId: a.body.remoteId ?? '', acceptedAt: a.body.acceptedAt ?? '', duplicate: true };
  }

  private async call(path: string, jkid: string, xml: string) {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: requestForm(jkid, this.licence, xml),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new LiuheyiUnavailableError(timeout ? `六合一 ${this.timeoutMs} ms 内未应答` : '无法连接六合一');
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500) throw new LiuheyiUnavailableError(`六合一服务异常（HTTP ${res.status}）`);
    const answer = parseAnswer(text);
    if (!answer) throw new LiuheyiUnavailableError(`六合一应答无法解析（HTTP ${res.status}）`);
    return answer;
  }
}

/** Production without LIUHEYI_URL: every upload fails visibly as unavailable instead of pretending. */
export class UnconfiguredLiuheyi implements LiuheyiPort {
  async write(): Promise<LiuheyiAck> {
    throw new LiuheyiUnavailableError('未配置六合一接口地址（LIUHEYI_URL）');
  }
  async query(): Promise<LiuheyiAck | null> {
    throw new LiuheyiUnavailableError('未配置六合一接口地址（LIUHEYI_URL）');
  }
}
