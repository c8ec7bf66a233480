import type { Me } from '@shtp/core/platform';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { LoginPage } from './LoginPage';

const unauthenticated = { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录', details: [] } };

const firstLoginMe: Me = {
  id: 1,
  username: 'sysadmin',
  displayName: '系统管理员',
  department: { id: 1, name: '上海市公安局交通警察总队' },
  roles: [{ code: 'system_admin', name: '系统管理员' }],
  permissions: [],
  passwordChangeReason: 'first_login',
  pendingFactor: null,
  csrfToken: 'csrf-1',
  passwordExpiresAt: null,
};

function renderLogin() {
  renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/change-password" element={<p>修改密码页</p>} />
    </Routes>,
    '/login',
  );
}

async function submit(username: string, password: string) {
  fireEvent.change(await screen.findByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the server message when the password is wrong', async () => {
    mockFetch({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': { status: 401, body: { code: 'AUTH_FAILED', message: '用户名或密码错误', details: [] } },
    });
    renderLogin();
    await submit('sysadmin', 'wrong');
    expect(await screen.findByTestId('login-error')).toHaveProperty('textContent', '用户名或密码错误');
  });

  it('adds when a locked account unlocks', async () => {
    mockFetch({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': {
        status: 423,
        body: { code: 'ACCOUNT_LOCKED', message: '账户已锁定', details: [{ field: 'lockedUntil', message: '2030-01-02T03:04:05+08:00' }] },
      },
    });
    renderLogin();
    await submit('sysadmin', 'wrong');
    const error = await screen.findByTestId('login-error');
    expect(error.textContent).toContain('账户已锁定');
    expect(error.textContent).toMatch(/解锁时间：2030-01-0\d \d\d:04:05/);
  });

  it('validates empty fields without calling the server', async () => {
    const fetchMock = mockFetch({ 'GET /api/auth/me': unauthenticated });
    renderLogin();
    fireEvent.click(await screen.findByTestId('login-submit'));
    expect(await screen.findByText('用户名必须填写')).toBeTruthy();
    expect(screen.getByText('密码必须填写')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends a first login to the password change page', async () => {
    const fetchMock = mockFetch({ 'GET /api/auth/me': unauthenticated, 'POST /api/auth/login': { status: 200, body: firstLoginMe } });
    renderLogin();
    await submit('sysadmin', 'Initial#2024');
    expect(await screen.findByText('修改密码页')).toBeTruthy();
    const [, init] = fetchMock.mock.calls[1] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'sysadmin', password: 'Initial#2024' });
    await waitFor(() => expect(screen.queryByTestId('login-submit')).toBeNull());
  });

  it('shows a captcha when the server asks for one, sends its answer, and draws a new one after each failure (IA-2)', async () => {
    const image = 'data:image/svg+xml;base64,PHN2Zy8+';
    const fetchMock = mockFetch({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': {
        status: 401,
        body: { code: 'AUTH_FAILED', message: '用户名或密码错误', details: [{ field: 'captchaAnswer', message: '请输入验证码' }] },
      },
      'POST /api/auth/captcha': { status: 200, body: { id: 'captcha-id-0123456789', image } },
    });
    renderLogin();
    expect(screen.queryByTestId('login-captcha')).toBeNull();
    await submit('sysadmin', 'wrong');
    expect(((await screen.findByAltText('验证码图片')) as HTMLImageElement).src).toBe(image);
    const calls = (method: string, url: string) => fetchMock.mock.calls.filter(([u, init]) => u === url && init?.method === method);
    expect(calls('POST', '/api/auth/captcha')).toHaveLength(1);

    // Without an answer the form says so and the server is not called.
    await submit('sysadmin', 'again');
    expect(await screen.findByText('验证码必须填写')).toBeTruthy();
    expect(calls('POST', '/api/auth/login')).toHaveLength(1);

    fireEvent.change(screen.getByTestId('login-captcha'), { target: { value: 'ab3d' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'again' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(calls('POST', '/api/auth/login')).toHaveLength(2));
    expect(JSON.parse(String(calls('POST', '/api/auth/login')[1]![1]?.body))).toEqual({
      username: 'sysadmin',
      password: 'again',
      captchaId: 'captcha-id-0123456789',
      captchaAnswer: 'ab3d',
    });
    // The captcha was used up: a new one is drawn and the answer field is empty again.
    await waitFor(() => expect(calls('POST', '/api/auth/captcha')).toHaveLength(2));
    expect((screen.getByTestId('login-captcha') as HTMLInputElement).value).toBe('');
  });

  it('shows the captcha when the first attempt from a flagged address is refused for lack of one', async () => {
    mockFetch({
      'GET /api/auth/me': unauthenticated,
      'POST /api/auth/login': {
        status: 401,
        body: { code: 'CAPTCHA_REQUIRED', message: '请输入验证码', details: [{ field: 'captchaAnswer', message: '请输入验证码' }] },
      },
      'POST /api/auth/captcha': { status: 200, body: { id: 'captcha-id-0123456789', image: 'data:image/svg+xml;base64,PHN2Zy8+' } },
    });
    renderLogin();
    await submit('sysadmin', 'Initial#2024');
    expect(await screen.findByTestId('login-error')).toHaveProperty('textContent', '请输入验证码');
    expect(await screen.findByAltText('验证码图片')).toBeTruthy();
  });
});
