/** Sessions of the demo accounts on a running server, for the benches that drive the API (concurrency, http). */
import { NEW_PASSWORD } from '@shtp/testkit';
import { type RunningServer, readyAccount } from '@shtp/testkit/server';

export interface BenchSession {
  cookie: string;
  csrfToken: string;
}

/** A session of a ready account: the cookie header of a fresh login and its CSRF token. */
export async function openSession(baseUrl: string, username = 'officer01'): Promise<BenchSession> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: NEW_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`登录失败：${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrfToken };
}

/** `count` sessions of officer01 exceed the per-account limit (default 3): the security admin raises it, as an operator would. */
export async function officerSessions(running: RunningServer, count: number): Promise<BenchSession[]> {
  const baseUrl = running.baseUrl;
  await readyAccount(running, 'secadmin');
  const admin = await openSession(baseUrl, 'secadmin');
  const res = await fetch(`${baseUrl}/api/system/params/auth.session.maxPerUser`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken },
    body: JSON.stringify({ value: count }),
  });
  if (res.status !== 200) throw new Error(`修改并发会话上限失败：${res.status} ${await res.text()}`);
  await readyAccount(running, 'officer01');
  const sessions: BenchSession[] = [];
  // The login route allows 30 logins a minute from one address.
  for (let i = 0; i < count; i++) sessions.push(await openSession(baseUrl));
  return sessions;
}
