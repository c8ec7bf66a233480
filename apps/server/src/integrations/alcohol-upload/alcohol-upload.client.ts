import { z } from 'zod';
import { postJson } from '../json-post.ts';
import { encodeRecord, formatProblems, problemText, type UploadFormat } from './alcohol-upload.format.ts';
import type { AlcoholUploadAnswer, AlcoholUploadPort, AlcoholUploadRecord, FormatProblem } from './alcohol-upload.port.ts';

export const ALCOHOL_UPLOAD_PATH = '/api/alcohol/records';
const SYSTEM = '酒驾检测数据上传接口';
const Answer = z.object({ receiptNo: z.string().min(1) });

/** The real client (HTTP JSON through the police-network gateway), writing each record in the configured format. */
export class HttpAlcoholUpload implements AlcoholUploadPort {
  constructor(
    readonly target: string,
    private readonly spec: UploadFormat,
  ) {}

  get format(): string {
    return this.spec.version;
  }

  check(record: AlcoholUploadRecord): FormatProblem[] {
    return formatProblems(this.spec, record);
  }

  async upload(record: AlcoholUploadRecord, opts: { timeoutMs: number }): Promise<AlcoholUploadAnswer> {
    const encoded = encodeRecord(this.spec, record);
    if (!encoded.ok) return { outcome: 'rejected', reason: `不符合上传格式 ${this.spec.version}：${encoded.problems.map(problemText).join('；')}` };
    const a = await postJson(SYSTEM, new URL(ALCOHOL_UPLOAD_PATH, this.target), encoded.body, Answer, opts.timeoutMs);
    if (a.ok) return { outcome: 'accepted', receiptNo: a.data.receiptNo };
    return a.status === 400 ? { outcome: 'rejected', reason: a.reason } : { outcome: 'unavailable', reason: a.reason };
  }
}
