import { PAYMENTS_P, type SmsTemplate } from '@shtp/core/payments';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import SmsTemplatesPage from './SmsTemplatesPage';

const SLOW = { timeout: 15_000 };
const template = (id: number, code: string, approve: boolean): SmsTemplate => ({
  id,
  code,
  name: code === 'SHJJ_APPOINTED' ? '预约成功通知' : '缴款期限提醒',
  text: '您的处罚决定书{decisionNo}已缴款{amount}元。',
  urgent: false,
  state: 'pending',
  createdBy: code === 'SHJJ_APPOINTED' ? 'smsadmin2' : 'smsadmin',
  createdAt: '2026-12-03T01:00:00.000Z',
  reviewedBy: null,
  reviewedAt: null,
  reviewNote: null,
  actions: {
    approve: approve ? { allowed: true } : { allowed: false, reason: '模板须由登记人以外的管理员审核，不能审核自己登记的模板' },
    reject: approve ? { allowed: true } : { allowed: false, reason: '模板须由登记人以外的管理员审核，不能审核自己登记的模板' },
    trial: { allowed: false, reason: '未审核' },
  },
});
const calls = (fetchMock: ReturnType<typeof mockFetch>, path: string, method = 'GET') =>
  fetchMock.mock.calls.filter(([url, init]) => String(url).split('?')[0] === path && (init?.method ?? 'GET') === method);

describe('SmsTemplatesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('approves what the server allows and keeps the own template’s approval disabled', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.smsTemplate]) },
      'GET /api/payments/sms-templates': {
        status: 200,
        body: { items: [template(1, 'SHJJ_APPOINTED', true), template(2, 'SHJJ_DUE_SOON', false)], total: 2, page: 1, pageSize: 20 },
      },
      'POST /api/payments/sms-templates/1/review': { status: 200, body: { ...template(1, 'SHJJ_APPOINTED', false), state: 'approved' } },
    });
    renderWithProviders(<SmsTemplatesPage />);
    const approve = await screen.findByTestId('sms-approve-SHJJ_APPOINTED', {}, SLOW);
    expect((screen.getByTestId('sms-approve-SHJJ_DUE_SOON') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(approve);
    await waitFor(() => expect(calls(fetchMock, '/api/payments/sms-templates/1/review', 'POST')).toHaveLength(1), SLOW);
    expect(JSON.parse(String(calls(fetchMock, '/api/payments/sms-templates/1/review', 'POST')[0]?.[1]?.body))).toEqual({ decision: 'approved' });
  });
});
