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
  resendOf: null,
  resentAs: null,
  actions: { resend: false },
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

  it('offers 重发 on an undelivered message to a holder of the resend permission, and reports the new batch', async () => {
    const undelivered: SmsMessageItem = {
      ...message,
      id: 4,
      batchId: 'PAID-SH2026120300002',
      state: 'undelivered',
      errorCode: null,
      actions: { resend: true },
    };
    const resent: SmsMessageItem = { ...undelivered, id: 5, batchId: 'PAID-SH2026120300002-R1', state: 'sent', resendOf: 4, actions: { resend: false } };
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.smsTemplate, PAYMENTS_P.smsResend]) },
      'GET /api/payments/sms-messages': { status: 200, body: { items: [undelivered, message], total: 2, page: 1, pageSize: 20 } },
      'POST /api/payments/sms-messages/4/resend': { status: 200, body: resent },
    });
    renderWithProviders(<SmsMessagesPage />);
    fireEvent.click(await screen.findByTestId('sms-resend-4', {}, SLOW));
    // Only the message the server allows: the retryable one is the sending job's.
    expect(screen.queryByTestId('sms-resend-3')).toBeNull();
    // The confirmation's own 重发 (the row's button has the test ID).
    await waitFor(() => expect(screen.getAllByRole('button', { name: '重发' })).toHaveLength(2), SLOW);
    fireEvent.click(screen.getAllByRole('button', { name: '重发' }).find((b) => !b.dataset.testid)!);
    expect(await screen.findByText('已重发，新批次 PAID-SH2026120300002-R1：已发送', {}, SLOW)).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/payments/sms-messages/4/resend' && init?.method === 'POST')).toBe(true);
  });

  it('offers no 重发 without the resend permission', async () => {
    mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PAYMENTS_P.smsTemplate]) },
      'GET /api/payments/sms-messages': {
        status: 200,
        body: { items: [{ ...message, state: 'undelivered', actions: { resend: true } }], total: 1, page: 1, pageSize: 20 },
      },
    });
    renderWithProviders(<SmsMessagesPage />);
    expect(await screen.findByText('139****0402', {}, SLOW)).toBeTruthy();
    expect(screen.queryByTestId('sms-resend-3')).toBeNull();
    expect(screen.queryByText('操作')).toBeNull();
  });
});
