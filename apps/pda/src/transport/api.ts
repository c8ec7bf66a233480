import type { HandheldSettings, IdCardParty } from '@shtp/core/enforcement';
import type { DeviceRecord, OutboxItem, PdaDatabase, SendOutcome } from '../offline/outbox.ts';
import type { Recognised } from '../pages/usePhotoField.ts';
import { compressPhoto, savePhotoSettings } from '../photos/compress.ts';
import { sendPhoto } from '../photos/upload-photo.ts';
import { type Keys, openEnvelope, sealEnvelope } from './envelope.ts';
import { signLoginChallenge } from './sm2-factor.ts';

const ENVELOPE = 'application/shtp-envelope';
const SESSION_KEY = 'shtp-pda-session';

export interface Session {
  username: string;
  displayName: string;
  departmentName: string;
  permissions: string[];
  csrfToken: string;
}

interface LoginAnswer {
  message?: string;
  username: string;
  displayName: string;
  department: { name: string };
  permissions: string[];
  csrfToken: string;
  pendingFactor: string | null;
  passwordChangeReason: string | null;
}

/** The officer's session: the cookie lives in the browser, the rest here, so it survives going offline and reloads. */
export const savedSession = (): Session | null => JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
const saveSession = (s: Session | null) => (s ? localStorage.setItem(SESSION_KEY, JSON.stringify(s)) : localStorage.removeItem(SESSION_KEY));

export class PdaApi {
  /** The CSRF token of a session that still owes its SM2 factor. */
  private pendingCsrf = '';
  private server: { keyId: string; publicKey: string } | null = JSON.parse(localStorage.getItem('shtp-pda-server-key') ?? 'null');
  constructor(private readonly db: PdaDatabase) {}

  device = () => this.db.device.get('device');
  async saveDevice(d: DeviceRecord) {
    await this.db.device.put(d);
  }

  private async keys(): Promise<Keys> {
    const device = await this.device();
    if (!device) throw new Error('本终端尚未设置，请先生成终端密钥并登记');
    if (!this.server) {
      const res = await fetch('/api/transport/server-key');
      if (!res.ok) throw new Error('无法获取服务器传输公钥');
      const k = (await res.json()) as { keyId: string; publicKey: string };
      this.server = { keyId: k.keyId, publicKey: k.publicKey };
      localStorage.setItem('shtp-pda-server-key', JSON.stringify(this.server));
    }
    return { ...device, serverKeyId: this.server.keyId, serverPublicKey: this.server.publicKey };
  }

  /** A sealed call: the payload as a digital envelope from this device, the reply opened (or a plain refusal). */
  async sealed(url: string, payload: unknown, idempotencyKey?: string): Promise<SendOutcome> {
    let res: Response;
    const keys = await this.keys();
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': ENVELOPE,
          'x-csrf-token': savedSession()?.csrfToken ?? '',
          ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
        },
        body: JSON.stringify(sealEnvelope(JSON.stringify(payload), keys)),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return { status: 0, error: '网络不可用，已保存在本机，联网后自动发送' };
    }
    const text = await res.text();
    if (res.status === 400 && text.includes('ENVELOPE_WRONG_RECIPIENT')) {
      this.server = null; // the server key was rotated: fetch it again on the next call
      localStorage.removeItem('shtp-pda-server-key');
    }
    const sealed = (res.headers.get('content-type') ?? '').startsWith(ENVELOPE);
    const body = sealed ? JSON.parse(openEnvelope(text, keys)) : text ? JSON.parse(text) : null;
    return { status: res.status, body };
  }

  /** One outbox item: a record is one sealed call; a photo is a resumable upload, then the sealed attach call. */
  send = (item: OutboxItem): Promise<SendOutcome> => {
    if (item.kind !== 'photo') return this.sealed(item.url, item.payload, item.idempotencyKey);
    if (!navigator.onLine) return Promise.resolve({ status: 0, error: '网络不可用，照片保存在本机' });
    return sendPhoto(
      this.db,
      item,
      () => savedSession()?.csrfToken ?? '',
      (uploadId) => this.sealed(item.url, { ...(item.payload as object), uploadId }, item.idempotencyKey),
    );
  };

  /** Step one, the password. An account whose role needs the SM2 factor gets `sm2` back and signs next (presentSm2). */
  async login(username: string, password: string): Promise<Session | 'sm2'> {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await res.json()) as LoginAnswer;
    if (!res.ok) throw new Error(body.message ?? '登录失败');
    if (body.passwordChangeReason) throw new Error('该账号须先在管理控制台修改密码');
    if (body.pendingFactor === 'sm2') {
      this.pendingCsrf = body.csrfToken;
      return 'sm2';
    }
    if (body.pendingFactor) throw new Error('该账号须先在管理控制台完成第二因子认证');
    return this.bind(body);
  }

  /** Step two for SM2 accounts: the server's one-time challenge signed in the page with the officer's key file (the UKey). */
  async presentSm2(keyFile: string): Promise<Session> {
    const challenge = await fetch('/api/auth/factor');
    const { message } = (await challenge.json()) as { message?: string };
    if (!challenge.ok || !message) throw new Error('登录已失效，请重新输入账号口令');
    const signature = signLoginChallenge(keyFile, message);
    const res = await fetch('/api/auth/factor', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.pendingCsrf },
      body: JSON.stringify({ response: { signature } }),
    });
    const body = (await res.json()) as LoginAnswer;
    if (!res.ok) throw new Error(body.message ?? '第二因子认证失败');
    return this.bind(body);
  }

  /** The signed-in session, kept only once a heartbeat proves this is a registered device of the officer's department. */
  private async bind(body: LoginAnswer): Promise<Session> {
    const session: Session = {
      username: body.username,
      displayName: body.displayName,
      departmentName: body.department.name,
      permissions: body.permissions,
      csrfToken: body.csrfToken,
    };
    saveSession(session);
    // Registered, active and of this officer's department: a heartbeat in an envelope proves it.
    const beat = await this.sealed('/api/transport/heartbeat', { appVersion: '1.0.0', time: new Date().toISOString() });
    if (beat.status !== 200) {
      saveSession(null);
      await fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': session.csrfToken } }).catch(() => undefined);
      throw new Error((beat as { body?: { message?: string } }).body?.message ?? '本终端未登记或已停用');
    }
    const settings = await this.sealed('/api/pda/enforcement/settings', {});
    if (settings.status === 200) savePhotoSettings((settings as { body: HandheldSettings }).body);
    return session;
  }

  logout() {
    const csrf = savedSession()?.csrfToken ?? '';
    saveSession(null);
    return fetch('/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } }).catch(() => undefined);
  }

  /** P1: the plate in a photo (recognition service), sealed like every handheld payload; the officer confirms or corrects it. */
  async recognisePlate(photo: Blob): Promise<Recognised> {
    const body = await this.recognise('/api/pda/recognition/plate', photo);
    return { value: (body.plate as string | null) ?? null, confidence: (body.confidence as number) ?? 0 };
  }

  /** P1: the ID number in a photo of the card or of the number. */
  async recogniseIdNumber(photo: Blob): Promise<Recognised> {
    const body = await this.recognise('/api/pda/recognition/id-number', photo);
    const id = body.idNumber as { value: string | null; confidence: number } | undefined;
    return { value: id?.value ?? null, confidence: id?.confidence ?? 0 };
  }

  /** P1: name, ID number and address from the front of the ID card (the enforcement module asks the recognition module). */
  async recogniseIdCard(photo: Blob): Promise<Pick<IdCardParty, 'name' | 'idNumber' | 'address'>> {
    const card = (await this.recognise('/api/pda/enforcement/id-card', photo)) as unknown as IdCardParty;
    return { name: card.name, idNumber: card.idNumber, address: card.address };
  }

  private async recognise(url: string, photo: Blob): Promise<Record<string, unknown>> {
    const r = await this.sealed(url, { image: await base64Of(await compressPhoto(photo)) });
    const body = (r as { body?: Record<string, unknown> }).body;
    if (r.status !== 200) throw new Error((body?.message as string | undefined) ?? ('error' in r ? r.error : '识别失败'));
    return body ?? {};
  }
}

/** A blob as base64 (the JSON inside an envelope carries no binary). */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('照片读取失败'));
    reader.readAsDataURL(blob);
  });
}
