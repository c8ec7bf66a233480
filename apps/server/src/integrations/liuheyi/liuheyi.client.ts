import { isRejectionCode, JKID, NOT_FOUND_CODE, PROTOCOL_ERRORS, REJECTION_CODES, SUCCESS_CODE } from './liuheyi.codes.ts';
import {
  type LiuheyiAck,
  type LiuheyiPort,
  type LiuheyiReconciliation,
  LiuheyiRejectedError,
  LiuheyiUnavailableError,
  type LiuheyiWrite,
} from './liuheyi.port.ts';
import { type Answer, parseAnswer, queryDocument, readReconciliation, requestEnvelope, type TmriMethod, toWireRecord, writeDocument } from './liuheyi.xml.ts';

export interface LiuheyiClientOptions {
  /** Base URL of the service (or the boundary gateway in front of it). */
  url: string;
  /** 接口序列号 (jkxlh) issued to this system. */
  key: string;
  /** Per-call deadline (default 10 s). */
  timeoutMs?: number;
}

/**
 * The HTTP client of 六合一. An answer with code 1 is an acknowledgement; a documented rejection code is a
 * LiuheyiRejectedError (final); a timeout, a dropped connection, a non-200 status, an unreadable answer or any
 * other code is a LiuheyiUnavailableError (retry). Personal items travel in the XML body only: nothing here logs
 * them, and error messages carry codes and the far side's message, never the items.
 */
export class HttpLiuheyiClient implements LiuheyiPort {
  private readonly timeoutMs: number;

  constructor(private readonly opts: LiuheyiClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async write(w: LiuheyiWrite): Promise<LiuheyiAck> {
    const a = await this.call('writeObjectOut', JKID[w.kind], writeDocument(toWireRecord(w)));
    if (a.code !== SUCCESS_CODE) throw this.failure(a);
    return this.ack(a, w.lsh);
  }

  async query(lsh: string): Promise<LiuheyiAck | null> {
    const a = await this.call('queryObjectOut', JKID.query, queryDocument({ lsh }));
    if (a.code === NOT_FOUND_CODE) return null;
    if (a.code !== SUCCESS_CODE) throw this.failure(a);
    return { ...this.ack(a, lsh), duplicate: true };
  }

  async reconcile(day: string): Promise<LiuheyiReconciliation> {
    const a = await this.call('queryObjectOut', JKID.reconcile, queryDocument({ rq: day }));
    if (a.code !== SUCCESS_CODE) throw this.failure(a);
    const r = readReconciliation(a.body);
    if (!r || r.day !== day) throw new LiuheyiUnavailableError('六合一的对账应答不完整或与请求的日期不符');
    return r;
  }

  private ack(a: Answer, lsh: string): LiuheyiAck {
    const { remoteId, acceptedAt, duplicate } = a.body;
    if (a.body.lsh !== lsh || !remoteId || !acceptedAt || Number.isNaN(Date.parse(acceptedAt))) {
      throw new LiuheyiUnavailableError('六合一的应答不完整或与请求的流水号不符');
    }
    return { lsh, remoteId, acceptedAt: new Date(acceptedAt).toISOString(), duplicate: duplicate === '1' };
  }

  private failure(a: Answer): Error {
    if (isRejectionCode(a.code)) return new LiuheyiRejectedError(a.code, a.message || REJECTION_CODES[a.code]);
    const known = PROTOCOL_ERRORS[a.code as keyof typeof PROTOCOL_ERRORS];
    return new LiuheyiUnavailableError(`六合一返回错误（代码 ${a.code}）：${a.message || known || '未说明原因'}`);
  }

  private async call(method: TmriMethod, jkid: string, xml: string): Promise<Answer> {
    const env = requestEnvelope(method, { jkid, jkxlh: this.opts.key, xml });
    let res: Response;
    let text: string;
    try {
      res = await fetch(new URL(env.path, this.opts.url), {
        method: 'POST',
        headers: { 'content-type': env.contentType, accept: 'text/xml' },
        body: env.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The deadline covers the body too: a server that sends headers and then stalls is a timeout as well.
      text = await res.text();
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new LiuheyiUnavailableError(timeout ? `六合一在 ${this.timeoutMs} 毫秒内未应答` : '无法连接六合一（连接被拒绝或中断）');
    }
    if (res.status !== 200) throw new LiuheyiUnavailableError(`六合一服务异常（HTTP ${res.status}）`);
    const answer = parseAnswer(text);
    if (!answer) throw new LiuheyiUnavailableError('六合一的应答无法解析');
    return answer;
  }
}

/** Production without LIUHEYI_URL: every upload fails visibly as unavailable instead of pretending to succeed. */
export class UnconfiguredLiuheyi implements LiuheyiPort {
  async write(): Promise<LiuheyiAck> {
    throw new LiuheyiUnavailableError('未配置六合一接口地址（环境变量 LIUHEYI_URL）');
  }
  async query(): Promise<LiuheyiAck | null> {
    throw new LiuheyiUnavailableError('未配置六合一接口地址（环境变量 LIUHEYI_URL）');
  }
  async reconcile(): Promise<LiuheyiReconciliation> {
    throw new LiuheyiUnavailableError('未配置六合一接口地址（环境变量 LIUHEYI_URL）');
  }
}
