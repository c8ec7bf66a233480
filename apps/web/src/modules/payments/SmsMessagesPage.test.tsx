import { PAYMENTS_P, type SmsMessageItem } from '@shtp/core/payments';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import SmsMessagesPage from './SmsMessagesPage';

const SLOW = { timeout: 15_000 };
const message: SmsMessageItem = {
  id: 3,
  batchId: 'PAID-SH2026120300001',
  templateCode: 'SHJJ_FINE_PAID',
  templateName: '缴款通知',
  mobile: '139****0402',
  state: 'retry',
  errorCode: 'UNAVAILABLE',
  attempts: 1,
  createdAt: '2026-12-03T01:00:00.000Z',
  lastAttemptAt: '2026-12-03T01:00:00.000Z',
  sentAt: null,
  msgId: null,
  reportedAt: null,
};
const listCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/payments/sms-messages'));

describe('SmsMessagesPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the messages masked with their state and the gateway error, and searches by template and whole number', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.smsTemplate]) },
      'GET /api/payments/sms-messages': { status: 200, body: { items: [message], total: 1, page: 1, pageSize: 20 } },
    });
    renderWithProviders(<SmsMessagesPage />);
    expect(await screen.findByText('139****0402', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('待重发（可重试错误）')).toBeTruthy();
    expect(screen.getByText('网关错误：UNAVAILABLE')).toBeTruthy();
    expect(screen.getByText('缴款通知（SHJJ_FINE_PAID）')).toBeTruthy();
    const template = screen.getByTestId('sms-message-template').querySelector('input')!;
    fireEvent.change(template, { target: { value: ' shjj_fine_paid ' } });
    fireEvent.keyDown(template, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(listCalls(fetchMock).some((u) => u.includes('templateCode=SHJJ_FINE_PAID'))).toBe(true), SLOW);
    const mobile = screen.getByTestId('sms-message-mobile').querySelector('input')!;
    fireEvent.change(mobile, { target: { value: '13900000402' } });
    fireEvent.keyDown(mobile, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(
      () => expect(listCalls(fetchMock).some((u) => u.includes('mobile=13900000402') && u.includes('templateCode=SHJJ_FINE_PAID'))).toBe(true),
      SLOW,
    );
  });

  it('shows the server’s refusal of a malformed number', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.smsTemplate]) },
      'GET /api/payments/sms-messages': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: '手机号码格式不正确', details: [{ field: 'querystring.mobile', message: '手机号码格式不正确' }] },
      },
    });
    renderWithProviders(<SmsMessagesPage />);
    expect((await screen.findByTestId('sms-message-error', {}, SLOW)).textContent).toContain('手机号码格式不正确');
  });
});
