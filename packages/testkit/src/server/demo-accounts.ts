import { NEW_PASSWORD } from '../factories/users.ts';
import type { RunningServer } from './real-server.ts';

/** A demo account's initial password, from the server's demo-accounts.json. */
export function demoPassword(server: RunningServer, username: string): string {
  const account = server.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`demo-accounts.json has no ${username}`);
  return account.password;
}

/** Does the forced first-login password change over the API, so the browser steps (or a benchmark) start from a usable account. */
export async function readyAccount(server: RunningServer, username: string): Promise<void> {
  const password = demoPassword(server, username);
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`${username} 登录失败：${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const change = await fetch(`${server.baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify({ oldPassword: password, newPassword: NEW_PASSWORD }),
  });
  if (change.status !== 200) throw new Error(`${username} 修改初始密码失败：${change.status} ${await change.text()}`);
}
