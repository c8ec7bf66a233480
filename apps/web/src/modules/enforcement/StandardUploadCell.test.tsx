import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorUnder } from '../../test/antd-form';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { StandardUploadCell } from './StandardUploadCell';

const SLOW = { timeout: 15_000 };
const me = supervisor([]);
const ID = '0b6f1c2e-8d7a-4f3e-9c1b-2a5d6e7f8091';
const rejected = {
  status: 'rejected',
  statusLabel: '被退回',
  receiptNo: null,
  error: '样本编号 YBBH 已由另一条记录上传',
  actions: { resend: { allowed: true } },
} as const;

describe('StandardUploadCell (P3/P6 更正后重新上传)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows why the record was rejected and its attempts, checks the correction per field, and resends it with an Idempotency-Key', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: me },
      [`GET /api/enforcement/blood-samples/${ID}/standard-upload/attempts`]: {
        status: 200,
        body: [
          {
            attemptNo: 1,
            at: '2026-12-02T02:00:00.000Z',
            format: 'assumed-2026',
            outcome: 'rejected',
            outcomeLabel: '被退回',
            receiptNo: null,
            error: rejected.error,
          },
        ],
      },
      [`POST /api/enforcement/blood-samples/${ID}/standard-upload/resend`]: {
        status: 409,
        body: {
          code: 'STANDARD_UPLOAD_UNCHANGED',
          message: '记录自被退回后未作任何更正',
          details: [{ field: 'sampleNo', message: '样本编号已被另一份血液样本使用' }],
        },
      },
    });
    renderWithProviders(<StandardUploadCell kind="blood" id={ID} upload={rejected} values={{ sampleNo: 'XY-1', institution: '市第六人民医院' }} />);
    const correct = await screen.findByTestId(`upload-correct-${ID}`, {}, SLOW);
    expect(screen.getByText(rejected.error)).toBeTruthy();
    fireEvent.click(correct);
    await screen.findByTestId('upload-attempts', {}, SLOW);
    await waitFor(() => expect(screen.getAllByText(rejected.error).length).toBeGreaterThan(2), SLOW);

    // The shared schema's Chinese message under the field; nothing sent.
    fireEvent.change(screen.getByTestId('correct-institution'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('upload-resend'));
    await waitFor(() => expect(errorUnder('correct-institution')).toContain('抽血医疗机构'), SLOW);
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    // The server's refusal per field lands under that field.
    fireEvent.change(screen.getByTestId('correct-institution'), { target: { value: '市第六人民医院' } });
    fireEvent.change(screen.getByTestId('correct-sampleNo'), { target: { value: 'XY-2' } });
    fireEvent.click(screen.getByTestId('upload-resend'));
    await waitFor(() => expect(errorUnder('correct-sampleNo')).toBe('样本编号已被另一份血液样本使用'), SLOW);
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ sampleNo: 'XY-2', institution: '市第六人民医院' });
    expect(new Headers(post[1]!.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('offers no correction when the record does not allow it', async () => {
    mockFetch({ 'GET /api/auth/me': { status: 200, body: me } });
    renderWithProviders(
      <StandardUploadCell
        kind="breath"
        id={ID}
        upload={{ ...rejected, actions: { resend: { allowed: false, reason: '没有执行此操作的权限' } } }}
        values={{}}
      />,
    );
    expect(await screen.findByText('被退回', {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId(`upload-correct-${ID}`)).toBeNull();
  });
});
