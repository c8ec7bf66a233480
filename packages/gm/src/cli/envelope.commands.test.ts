import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-openssl.ts';
import { gm, gmOk } from './test-cli.ts';

describe('gm seal / gm open', () => {
  const tmp = tempDir();
  afterAll(tmp.remove);
  const f = tmp.file;
  const payload = JSON.stringify({ plate: '沪A12345', note: '跨网交换测试数据' });

  beforeAll(() => {
    gmOk(['keygen', '--out', f('alice.pem'), '--pub', f('alice.pub')]);
    gmOk(['keygen', '--out', f('bob.pem'), '--pub', f('bob.pub')]);
    gmOk(['keygen', '--out', f('eve.pem'), '--pub', f('eve.pub')]);
    writeFileSync(f('payload'), payload);
    gmOk(['seal', '--to', f('bob.pub'), '--key', f('alice.pem'), '--in', f('payload'), '--out', f('env.json')]);
  });

  it('round trip: bob opens alice’s envelope, and the envelope holds no plaintext', () => {
    expect(readFileSync(f('env.json'), 'utf8')).not.toContain('沪A12345');
    gmOk(['open', '--key', f('bob.pem'), '--from', f('alice.pub'), '--in', f('env.json'), '--out', f('opened')]);
    expect(readFileSync(f('opened'), 'utf8')).toBe(payload);
  });

  it('custom key IDs must match on both sides', () => {
    gmOk([
      'seal',
      '--to',
      f('bob.pub'),
      '--key',
      f('alice.pem'),
      '--to-id',
      'police-zone',
      '--from-id',
      'internet-zone',
      '--in',
      f('payload'),
      '--out',
      f('ids.json'),
    ]);
    gmOk([
      'open',
      '--key',
      f('bob.pem'),
      '--from',
      f('alice.pub'),
      '--to-id',
      'police-zone',
      '--from-id',
      'internet-zone',
      '--in',
      f('ids.json'),
      '--out',
      f('o2'),
    ]);
    expect(readFileSync(f('o2'), 'utf8')).toBe(payload);
    expect(gm(['open', '--key', f('bob.pem'), '--from', f('alice.pub'), '--from-id', 'internet-zone', '--in', f('ids.json'), '--out', f('o3')]).status).toBe(1);
  });

  it('a tampered envelope, a wrong sender and a wrong recipient exit 1 with a reason and write nothing', () => {
    const env = JSON.parse(readFileSync(f('env.json'), 'utf8')) as Record<string, string>;
    const ct = Buffer.from(env.ct!, 'base64');
    ct[ct.length - 40]! ^= 0x01;
    writeFileSync(f('tampered.json'), JSON.stringify({ ...env, ct: ct.toString('base64') }));
    const tampered = gm(['open', '--key', f('bob.pem'), '--from', f('alice.pub'), '--in', f('tampered.json'), '--out', f('t.out')]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('篡改');

    const wrongSender = gm(['open', '--key', f('bob.pem'), '--from', f('eve.pub'), '--in', f('env.json'), '--out', f('s.out')]);
    expect(wrongSender.status).toBe(1);
    const wrongRecipient = gm(['open', '--key', f('eve.pem'), '--from', f('alice.pub'), '--in', f('env.json'), '--out', f('r.out')]);
    expect(wrongRecipient.status).toBe(1);
    expect(wrongRecipient.stderr).toContain('接收方');
    expect(() => readFileSync(f('t.out'))).toThrow();
  });

  it('an envelope older than --max-age is refused as expired', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const expired = gm(['open', '--key', f('bob.pem'), '--from', f('alice.pub'), '--in', f('env.json'), '--out', f('e.out'), '--max-age', '1']);
    expect(expired.status).toBe(1);
    expect(expired.stderr).toContain('过期');
  });
});
