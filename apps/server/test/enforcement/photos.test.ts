import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { ENVELOPE_CONTENT_TYPE, type ServerKey } from '@shtp/core/platform';
import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { Rng, syntheticIdNumber, syntheticName } from '@shtp/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DeviceCredentials, openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { createTestApp, loginFresh, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let base: string;
let officer: TestUser;
let supervisor: TestUser;
let device: DeviceCredentials;
let server: ServerKey;
const replay = new MemoryReplayCache();

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  officer = await loginFresh(ctx, { permissions: [FP.menu, FP.pda] });
  supervisor = await loginFresh(ctx, { permissions: [FP.menu, FP.list] });
  const sec = await loginFresh(ctx, 'secadmin');
  const pair = sm2GenerateKeyPair();
  device = { code: 'PDA-PHOTO-01', privateKey: pair.privateKey };
  const departmentId = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: officer.headers })).json().department.id;
  await ctx.app.inject({
    method: 'POST',
    url: '/api/security/devices',
    headers: sec.headers,
    payload: { code: device.code, name: '执法终端', departmentId, publicKey: pair.publicKey },
  });
  server = (await ctx.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();
});
afterAll(() => ctx?.close());

const pda = async <T>(url: string, payload: object) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    headers: { ...officer.headers, 'content-type': ENVELOPE_CONTENT_TYPE },
    payload: sealRequest(payload, device, server),
  });
  return openReply<T>({ status: res.statusCode, contentType: res.headers['content-type'] as string, text: res.body }, device, server, replay);
};

/** A photo through the platform's resumable upload (tus creation-with-upload): its upload ID. */
async function upload(bytes: Buffer): Promise<string> {
  const res = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: { ...officer.headers, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Content-Type': 'application/offset+octet-stream' },
    body: bytes,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('blob-digest')).toMatch(/^[0-9a-f]{64}$/);
  return res.headers.get('location')!.split('/').pop()!;
}

it('attaches resumable-uploaded photos to a handheld record once each, and shows them to the supervisor', async () => {
  const rng = new Rng(7);
  const recordId = randomUUID();
  const detention = await pda('/api/pda/enforcement/detentions', {
    id: recordId,
    ground: 'unregistered',
    trafficMode: 'F3',
    description: '无牌电动自行车',
    party: { idNumber: syntheticIdNumber(rng, '310101', '1988-03-02', 'F'), name: syntheticName(rng) },
    storagePlace: '停车场 B-3',
    detainedAt: new Date().toISOString(),
  });
  expect(detention.status).toBe(200);
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .jpeg()
    .toBuffer();
  const first = await pda<{ digest: string; id: string }>('/api/pda/enforcement/photos', {
    id: randomUUID(),
    recordType: 'detention',
    recordId,
    uploadId: await upload(photo),
  });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  // The handheld lost the answer and uploads the same picture again under a new photo ID: still one photo.
  const again = await pda<{ id: string }>('/api/pda/enforcement/photos', {
    id: randomUUID(),
    recordType: 'detention',
    recordId,
    uploadId: await upload(photo),
  });
  expect(again.body.id).toBe(first.body.id);
  const other = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#cc3333' } })
    .jpeg()
    .toBuffer();
  expect((await pda('/api/pda/enforcement/photos', { id: randomUUID(), recordType: 'detention', recordId, uploadId: await upload(other) })).status).toBe(200);

  const unknown = await pda<{ details: { field: string }[] }>('/api/pda/enforcement/photos', {
    id: randomUUID(),
    recordType: 'detention',
    recordId,
    uploadId: 'nope',
  });
  expect(unknown.body.details[0]!.field).toBe('uploadId');

  const list = await ctx.app.inject({ method: 'GET', url: `/api/enforcement/photos?recordType=detention&recordId=${recordId}`, headers: supervisor.headers });
  expect(list.json()).toHaveLength(2);
  const content = await ctx.app.inject({ method: 'GET', url: `/api/enforcement/photos/${first.body.id}/content`, headers: supervisor.headers });
  expect(content.headers['content-type']).toBe('image/jpeg');
  expect(Buffer.compare(content.rawPayload, photo)).toBe(0);
});
