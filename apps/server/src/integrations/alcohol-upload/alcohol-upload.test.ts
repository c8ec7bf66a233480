import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAlcoholUpload } from './alcohol-upload.client.ts';
import { UPLOAD_FORMATS, type UploadFormat } from './alcohol-upload.format.ts';
import type { AlcoholUploadRecord } from './alcohol-upload.port.ts';
import { type AlcoholUploadSimulator, startAlcoholUploadSimulator } from './alcohol-upload.simulator.ts';

const format = UPLOAD_FORMATS['assumed-2026']!;
const blood = (over: AlcoholUploadRecord['fields'] = {}): AlcoholUploadRecord => ({
  kind: 'blood',
  fields: {
    recordId: '0b6f1c2e-8d7a-4f3e-9c1b-2a5d6e7f8091',
    sampleNo: 'XY-0001',
    institution: '市第六人民医院',
    drawnAt: '2026-12-02T16:05:09.000Z',
    resultMgPer100mL: 91.25,
    officerName: '执勤民警01',
    departmentCode: '310101000000',
    ...over,
  },
});

let sim: AlcoholUploadSimulator;
beforeAll(async () => {
  sim = await startAlcoholUploadSimulator(format);
});
afterAll(() => sim.close());

describe('按标准上传 (P3/P6): the format is data, the simulator checks it', () => {
  it('writes the record in the format and gets one receipt per record, a resend included', async () => {
    const port = new HttpAlcoholUpload(sim.url, format);
    const first = await port.upload(blood(), { timeoutMs: 5_000 });
    expect(first).toEqual({ outcome: 'accepted', receiptNo: 'SC0000000001' });
    expect(await port.upload(blood(), { timeoutMs: 5_000 })).toEqual(first);
    expect(sim.received).toEqual([
      {
        type: 'XYJC',
        // Shanghai time, compact; the decimal with the format's scale; no breath-test field.
        record: {
          JLBH: blood().fields.recordId,
          YBBH: 'XY-0001',
          CYJG: '市第六人民医院',
          CYSJ: '20261203000509',
          JDJG: '91.3',
          MJXM: '执勤民警01',
          GLBM: '310101000000',
        },
      },
    ]);
  });

  it('refuses before sending what lacks a required field, and says which', async () => {
    const answer = await new HttpAlcoholUpload(sim.url, format).upload(blood({ sampleNo: null }), { timeoutMs: 5_000 });
    expect(answer).toEqual({ outcome: 'rejected', reason: '不符合上传格式 assumed-2026：YBBH（sampleNo）必须填写' });
  });

  it('is refused by the far side when the client writes another format, and is unavailable when the far side is', async () => {
    const other: UploadFormat = { ...format, version: 'assumed-2026', fields: format.fields.map((f) => (f.name === 'CYSJ' ? { ...f, type: 'string' } : f)) };
    const refused = await new HttpAlcoholUpload(sim.url, other).upload(blood({ recordId: 'b1' }), { timeoutMs: 5_000 });
    expect(refused).toEqual({ outcome: 'rejected', reason: expect.stringContaining('字段 CYSJ 格式错误') });
    // A business check of the far side: the sample number is held by the first record.
    const taken = await new HttpAlcoholUpload(sim.url, format).upload(blood({ recordId: 'b3' }), { timeoutMs: 5_000 });
    expect(taken).toEqual({ outcome: 'rejected', reason: expect.stringContaining('样本编号 YBBH 已由另一条记录上传') });
    sim.failNext();
    expect((await new HttpAlcoholUpload(sim.url, format).upload(blood({ recordId: 'b2' }), { timeoutMs: 5_000 })).outcome).toBe('unavailable');
    expect(sim.received).toHaveLength(1);
  });
});
