import { z } from 'zod';
import { postJson } from '../json-post.ts';
import type { EducationAnswer, EducationPort, EducationRequest } from './education.port.ts';

export const EDUCATION_PATH = '/api/education/onsite';
const Answer = z.object({ recordNo: z.string().min(1), title: z.string() });

/** The real client of the Ministry's education interface (HTTP JSON through the police-network gateway). */
export class HttpEducation implements EducationPort {
  constructor(readonly target: string) {}
  async record(request: EducationRequest, opts: { timeoutMs: number }): Promise<EducationAnswer> {
    const a = await postJson('部局现场教育接口', new URL(EDUCATION_PATH, this.target), request, Answer, opts.timeoutMs);
    return a.ok ? { outcome: 'recorded', recordNo: a.data.recordNo, title: a.data.title } : { outcome: 'unavailable', reason: a.reason };
  }
}
