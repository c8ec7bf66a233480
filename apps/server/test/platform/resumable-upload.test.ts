import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sm3Hex } from '@shtp/gm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginFresh, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let base: string;
let officer: TestUser;
let other: TestUser;
beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  officer = await loginFresh(ctx, 'officer01');
  other = await loginFresh(ctx, 'officer01');
});
afterAll(() => ctx.close());

const TUS = { 'Tus-Resumable': '1.0.0' };
const tus = (user: TestUser | null, method: string, url: string, headers: Record<string, string> = {}, body?: Buffer) =>
  fetch(`${base}${url}`, {
    method,
    headers: { ...TUS, ...(user?.headers ?? {}), ...(body && { 'Content-Type': 'application/offset+octet-stream' }), ...headers },
    ...(body && { body }),
  });

async function create(user: TestUser, length: number): Promise<string> {
  const res = await tus(user, 'POST', '/api/uploads', {
    'Upload-Length': String(length),
    'Upload-Metadata': `filename ${Buffer.from('申请表.jpg').toString('base64')}`,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/^\/api\/uploads\/[\w-]+$/);
  return location;
}

/** Sends the first `sent` bytes of a PATCH that announced all of `body`, then drops the connection. */
function interruptedPatch(user: TestUser, url: string, body: Buffer, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(`${base}${url}`, {
      method: 'PATCH',
      headers: { ...TUS, ...user.headers, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0', 'Content-Length': String(body.length) },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(body.subarray(0, sent), () => setTimeout(() => req.destroy(), 200));
  });
}

/** The offset the server reports once the interrupted request has been wound up (the lock released). */
async function offsetOf(user: TestUser, url: string): Promise<number> {
  for (;;) {
    const res = await tus(user, 'HEAD', url);
    if (res.status === 200) return Number(res.headers.get('upload-offset'));
    await new Promise((r) => setTimeout(r, 100));
  }
}

const photo = async () =>
  sharp(randomBytes(400 * 300 * 3), { raw: { width: 400, height: 300, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();

describe('resumable upload into the image store (tus)', () => {
  it('resumes an upload interrupted halfway and answers the same digest as the whole content', async () => {
    const content = await photo();
    const url = await create(officer, content.length);
    await interruptedPatch(officer, url, content, Math.floor(content.length / 2));
    const offset = await offsetOf(officer, url);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(Math.floor(content.length / 2));

    const rest = await tus(officer, 'PATCH', url, { 'Upload-Offset': String(offset) }, content.subarray(offset));
    expect(rest.status, await rest.clone().text()).toBe(204);
    expect(rest.headers.get('blob-digest')).toBe(sm3Hex(content));
    expect(rest.headers.get('blob-mime')).toBe('image/jpeg');
    expect((await ctx.platform.blobs.get(sm3Hex(content)))?.data.equals(content)).toBe(true);

    // A client that lost that answer asks again and gets the digest; a repeated last PATCH changes nothing.
    const again = await tus(officer, 'HEAD', url);
    expect(again.status).toBe(200);
    expect(again.headers.get('upload-offset')).toBe(String(content.length));
    expect(again.headers.get('blob-digest')).toBe(sm3Hex(content));
    const id = url.split('/').pop()!;
    expect(await ctx.platform.blobs.claimUpload(id, officer.id)).toMatchObject({ digest: sm3Hex(content), size: content.length });
    expect(await ctx.platform.blobs.claimUpload(id, other.id)).toBeNull();
  });

  it('keeps an upload to its uploader', async () => {
    const content = await photo();
    const url = await create(officer, content.length);
    expect((await tus(other, 'HEAD', url)).status).toBe(404);
    expect((await tus(other, 'PATCH', url, { 'Upload-Offset': '0' }, content)).status).toBe(404);
    expect((await tus(officer, 'HEAD', url)).headers.get('upload-offset')).toBe('0');
    expect((await tus(null, 'POST', '/api/uploads', { 'Upload-Length': '10' })).status).toBe(401);
    // The session's CSRF token is required as on every state-changing route.
    expect((await tus(null, 'POST', '/api/uploads', { 'Upload-Length': '10', cookie: officer.headers.cookie })).status).toBe(403);
  });

  it('refuses content by its magic bytes, too large an upload, and an image with too many pixels', async () => {
    const text = Buffer.from('这不是图片，只是扩展名为 .jpg 的文本文件');
    const url = await create(officer, text.length);
    const res = await tus(officer, 'PATCH', url, { 'Upload-Offset': '0' }, text);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'FILE_TYPE_UNSUPPORTED', message: expect.stringContaining('只接受 JPEG、PNG、TIFF、PDF') });
    expect((await tus(officer, 'HEAD', url)).status).toBe(404);

    const tooLong = await tus(officer, 'POST', '/api/uploads', { 'Upload-Length': String(31 * 1024 * 1024) });
    expect(tooLong.status).toBe(413);

    const bomb = await sharp({ create: { width: 9000, height: 7000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const bombUrl = await create(officer, bomb.length);
    const refused = await tus(officer, 'PATCH', bombUrl, { 'Upload-Offset': '0' }, bomb);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'IMAGE_TOO_MANY_PIXELS', message: expect.stringContaining('9000×7000') });
  });
});
