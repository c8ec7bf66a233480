import { describe, expect, it } from 'vitest';
import { blockerOf, settledByRepair, type UploadEntry, uploadSummary, waitingReason } from './upload-order.policy.ts';

const e = (id: number, uploadStatus: string, extra: Partial<UploadEntry> = {}): UploadEntry => ({
  id,
  lsh: `26120200000${String(id).padStart(2, '0')}`,
  type: 'register',
  uploadStatus,
  uploadError: null,
  repairOf: null,
  ...extra,
});

describe('the upload order of a vehicle', () => {
  it('a business waits for the earliest earlier one not accepted: on its way, failed or rejected', () => {
    for (const status of ['pending', 'uploading', 'failed', 'rejected', 'waiting']) {
      expect(blockerOf([e(1, status), e(2, 'pending')], e(2, 'pending'))?.id).toBe(1);
    }
    expect(blockerOf([e(1, 'done'), e(2, 'repaired'), e(3, 'pending')], e(3, 'pending'))).toBeUndefined();
    expect(blockerOf([e(1, 'done'), e(2, 'rejected'), e(3, 'failed'), e(4, 'pending')], e(4, 'pending'))?.id).toBe(2);
  });

  it('a repair takes the place of the business it repairs, ahead of those waiting for it', () => {
    const history = [e(1, 'done'), e(2, 'rejected'), e(3, 'waiting'), e(4, 'pending', { type: 'correct', repairOf: 2 })];
    expect(blockerOf(history, history[3]!)).toBeUndefined();
    expect(blockerOf(history, history[2]!)?.id).toBe(2);
    expect(settledByRepair([...history, e(5, 'rejected', { repairOf: 2 }), e(6, 'rejected')], 2)).toEqual([2, 5]);
  });

  it('says what a business waits for and why', () => {
    expect(waitingReason(e(7, 'rejected', { uploadError: '六合一退回（210）：…' }))).toBe(
      '等待前序业务 2612020000007（注册登记，上传被拒：六合一退回（210）：…）',
    );
    expect(waitingReason(e(7, 'pending', { type: 'theft', uploadError: '六合一暂不可用' }))).toBe('等待前序业务 2612020000007（失窃登记，待上传）');
  });
});

describe('the handheld upload summary', () => {
  it('names the most pressing unsettled state', () => {
    expect(uploadSummary([])).toBe('已上传');
    expect(uploadSummary([{ status: 'pending', n: 1 }])).toBe('待上传（1 笔）');
    expect(
      uploadSummary([
        { status: 'waiting', n: 2 },
        { status: 'rejected', n: 1 },
      ]),
    ).toBe('上传被拒（1 笔，共 3 笔未受理）');
  });
});
