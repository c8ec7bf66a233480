import type { AddressInfo } from 'node:net';
import type { Session, TestContext } from './test-app.ts';

/** Listens on a free local port (once per app) and answers its base URL: tus uploads need a real HTTP connection. */
export async function listening(ctx: TestContext): Promise<string> {
  if (!ctx.app.server.listening) await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}

/** Uploads content in one tus request as `user`, and answers the upload id and the digest the store gave it. */
export async function uploadBlob(ctx: TestContext, user: Session, content: Buffer): Promise<{ uploadId: string; digest: string }> {
  const base = await listening(ctx);
  const headers = { 'Tus-Resumable': '1.0.0', ...user.headers };
  const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { ...headers, 'Upload-Length': String(content.length) } });
  if (created.status !== 201) throw new Error(`upload create: ${created.status} ${await created.text()}`);
  const url = created.headers.get('location')!;
  const res = await fetch(`${base}${url}`, {
    method: 'PATCH',
    headers: { ...headers, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
    body: content,
  });
  if (res.status !== 204) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return { uploadId: url.split('/').pop()!, digest: res.headers.get('blob-digest')! };
}
