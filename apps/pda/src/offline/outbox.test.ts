import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enqueue, type OutboxItem, PdaDatabase, type SendOutcome, syncOutbox } from './outbox.ts';

const item = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  kind: 'violation' as const,
  title: `票 ${n}`,
  url: '/api/pda/enforcement/violations',
  payload: { n },
});

describe('outbox', () => {
  it('keeps items pending without a network, sends them once in order when it returns, with the same key on a resend', async () => {
    const db = new PdaDatabase(`t-${crypto.randomUUID()}`);
    await enqueue(db, item(1));
    await enqueue(db, item(2));
    const keys: string[] = [];
    let online = false;
    const send = async (i: OutboxItem): Promise<SendOutcome> => {
      keys.push(i.idempotencyKey);
      return online ? { status: 200, body: { id: i.id } } : { status: 0, error: '网络不可用' };
    };
    expect(await syncOutbox(db, send)).toBe(0);
    const waiting = await db.outbox.toArray();
    expect(waiting.map((i) => [i.state, i.reason])).toEqual([
      ['pending', '网络不可用'],
      ['pending', null],
    ]);
    online = true;
    expect(await syncOutbox(db, send)).toBe(2);
    expect((await db.outbox.toArray()).map((i) => i.state)).toEqual(['sent', 'sent']);
    expect(keys[0]).toBe(keys[1]); // the first item was resent with its key
    expect(await syncOutbox(db, send)).toBe(0);
  });

  it('marks a refusal with the server reason and goes on; a 5xx stays pending', async () => {
    const db = new PdaDatabase(`t-${crypto.randomUUID()}`);
    await enqueue(db, item(1));
    await enqueue(db, item(2));
    const answers: SendOutcome[] = [
      { status: 409, body: { code: 'DAILY_CAP_REACHED', message: '民警当日开具的简易程序已达 50 份上限', details: [] } },
      { status: 503, body: { message: '现场教育接口暂不可用' } },
    ];
    await syncOutbox(db, async () => answers.shift()!);
    const [a, b] = await db.outbox.orderBy('createdAt').toArray();
    expect(a).toMatchObject({ state: 'refused', reason: '民警当日开具的简易程序已达 50 份上限' });
    expect(b).toMatchObject({ state: 'pending', reason: '现场教育接口暂不可用' });
  });
});
