import { expect } from 'vitest';
import type { RunningServer } from './server.ts';

/** The password every story sets at the forced first-login change. */
export const NEW_PASSWORD = 'Xk9#mP2v!Lq7wR4zT';

/** A demo account's initial password, from the server's demo-accounts.json. */
export function demoPassword(server: RunningServer, username: string): string {
  const account = server.accounts.find((a) => a.username === username);
  if (!account) throw new Error(`demo-accounts.json has no ${username}`);
  return account.password;
}

/** Does the forced first-login password change over the API, so the browser steps start from a usable account. */
export async function readyAccount(server: RunningServer, username: string): Promise<void> {
  const password = demoPassword(server, username);
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
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
  expect(change.status, await change.text()).toBe(200);
}
