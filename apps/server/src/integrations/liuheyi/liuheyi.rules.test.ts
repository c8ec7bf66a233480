import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLiuheyiClient } from './liuheyi.client.ts';
import { LiuheyiRejectedError, type LiuheyiWrite } from './liuheyi.port.ts';
import { type LiuheyiSimulator, SIMULATOR_KEY, startLiuheyiSimulator } from './liuheyi.simulator.ts';
import { followUp, organisationOwner, registration } from './liuheyi.test-fixtures.ts';

/** Every rule of the simulator's validation, each through the real client over HTTP. */
let sim: LiuheyiSimulator;
let client: HttpLiuheyiClient;

beforeAll(async () => {
  sim = await startLiuheyiSimulator();
  client = new HttpLiuheyiClient({ url: sim.url, key: SIMULATOR_KEY, timeoutMs: 8_000 });
});
afterAll(() => sim.close());

/** The write's rejection; fails the test if it was accepted. Nothing rejected may reach the far side's records. */
async function rejection(w: LiuheyiWrite): Promise<LiuheyiRejectedError> {
  const err = await client.write(w).then(
    () => expect.fail('应当被退回'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LiuheyiRejectedError);
  expect(sim.received().some((r) => r.lsh === w.lsh && r.fields.zcbm === w.items.zcbm && r.kind === w.kind)).toBe(false);
  const personal = [w.items.sfzmhm, w.items.syrmc, w.items.lxdh, w.items.zsxxdz].filter((v) => v.length > 3);
  for (const v of personal) expect((err as Error).message).not.toContain(v);
  return err as LiuheyiRejectedError;
}

const withItems = (items: Partial<LiuheyiWrite['items']>, over: Partial<LiuheyiWrite> = {}) => {
  const w = registration(over);
  return { ...w, items: { ...w.items, ...items } };
};

describe('六合一 simulator: item rules', () => {
  const cases: [string, () => LiuheyiWrite, string, RegExp][] = [
    ['流水号 not 13 digits', () => registration({ lsh: '26112900001' }), '208', /流水号格式错误/],
    ['流水号 with an impossible date', () => registration({ lsh: '2602300000001' }), '208', /yyMMdd/],
    ['a required item missing', () => withItems({ syrmc: '' }), '201', /必填数据项缺失：所有人名称/],
    ['several required items missing', () => withItems({ djh: '', clpp: '' }), '201', /电机号、品牌/],
    ['转移 without 业务原因', () => registration({ ywlx: 'B' }), '201', /业务原因/],
    ['业务原因 of another 业务类型', () => registration({ ywyy: 'BA' }), '207', /业务原因“BA”不属于业务类型 A/],
    ['unknown 业务类型', () => registration({ ywlx: 'X' as 'A' }), '207', /业务类型“X”/],
    ['ID number check digit', () => withItems({ sfzmhm: '310105199912058056' }), '202', /身份证明号码校验位错误/],
    ['ID number in lower case', () => withItems({ sfzmhm: '31011520050722912x' }), '202', /规范写法/],
    ['USCC check character', () => withItems({ ...organisationOwner(), sfzmhm: '91310107MAK98E6J7A' }), '203', /统一社会信用代码校验位错误/],
    ['ID type not matching the owner type', () => withItems({ sfzmmc: 'B' }), '209', /身份证明名称与所有人类型不符/],
    ['整车编码 of 14 digits', () => withItems({ zcbm: '11732178067669' }), '204', /整车编码应为 15 位数字/],
    ['a motor-vehicle plate', () => withItems({ hphm: '沪A12345', fzjg: '沪A' }), '205', /不符合电动自行车号牌格式/],
    ['a phone number', () => withItems({ lxdh: '1234567' }), '206', /联系电话/],
    ['号牌种类 outside the table', () => withItems({ hpzl: '02' }), '207', /号牌种类“02”/],
    ['车辆用途 against 号牌种类', () => withItems({ clyt: 'K' }), '209', /车辆用途与号牌种类不一致/],
    ['colour outside GA 24.8', () => withItems({ csys: 'AQ' }), '207', /车身颜色“AQ”/],
    ['the same colour twice', () => withItems({ csys: 'AA' }), '209', /车身颜色不能重复/],
    ['an abolished district code', () => withItems({ djxzqh: '310103' }), '207', /不是现行行政区划代码/],
    ['发证机关 not the plate prefix', () => withItems({ fzjg: '沪B' }), '209', /发证机关与号牌号码/],
    ['a 12-digit department code', () => registration({ operator: { blr: 'officer01', glbm: '3101' } }), '210', /管理部门代码应为 12 位数字/],
    ['an address too long', () => withItems({ zsxxdz: '长'.repeat(101) }), '210', /住所地址不能超过 100 个字符/],
    ['no plate on a 变更', () => withItems({ hphm: null }, { ywlx: 'D' }), '201', /只有注册登记可暂无号牌/],
    ['a status write without its flag', () => registration({ kind: 'status', ywlx: undefined }), '201', /状态标记/],
    ['a correction without the corrected 流水号', () => registration({ kind: 'correction', ywlx: undefined }), '201', /被更正流水号/],
  ];
  it.each(cases)('%s → %s', async (_name, make, code, reason) => {
    const err = await rejection(make());
    expect(err.code).toBe(code);
    expect(err.reason).toMatch(reason);
  });

  it('accepts an organisation owner and a registration before the plate is allocated', async () => {
    expect((await client.write(withItems(organisationOwner()))).duplicate).toBe(false);
    expect((await client.write(withItems({ hphm: null, fzjg: '沪A' }))).duplicate).toBe(false);
    expect((await client.write(registration({ ywlx: 'D', ywyy: 'DC' }))).duplicate).toBe(false);
  });
});

describe('六合一 simulator: vehicle state rules', () => {
  const status = (base: LiuheyiWrite, flag: 'C' | 'O', set: boolean) => followUp(base, { kind: 'status', zt: { flag, set } });
  const business = (base: LiuheyiWrite, ywlx: 'A' | 'B' | 'D' | 'G' | 'K', ywyy?: string) =>
    followUp(base, { kind: 'business', ywlx, ...(ywyy ? { ywyy } : {}) });

  it('cannot clear a flag that is not set, nor set one twice', async () => {
    const reg = registration();
    await client.write(reg);
    expect(await rejection(status(reg, 'C', false))).toMatchObject({ code: '302', reason: expect.stringContaining('不是被盗抢状态') });
    await client.write(status(reg, 'O', true));
    expect(await rejection(status(reg, 'O', true))).toMatchObject({ code: '302', reason: expect.stringContaining('不能重复锁定') });
    await client.write(status(reg, 'O', false));
    expect(await rejection(status(reg, 'O', false))).toMatchObject({ code: '302', reason: expect.stringContaining('不是锁定状态') });
  });

  it('a stolen vehicle: no transfer, change or plate replacement until found; cancellation is allowed', async () => {
    const reg = registration();
    await client.write(reg);
    await client.write(status(reg, 'C', true));
    for (const w of [business(reg, 'B', 'BA'), business(reg, 'D'), business(reg, 'K')]) {
      expect(await rejection(w)).toMatchObject({ code: '303', reason: expect.stringContaining('车辆被盗抢') });
    }
    await client.write(status(reg, 'C', false));
    expect((await client.write(business(reg, 'B', 'BB'))).duplicate).toBe(false);
    await client.write(status(reg, 'C', true));
    expect((await client.write(business(reg, 'G'))).duplicate).toBe(false);
  });

  it('a locked vehicle accepts only 解锁', async () => {
    const reg = registration();
    await client.write(reg);
    await client.write(status(reg, 'O', true));
    expect(await rejection(business(reg, 'D'))).toMatchObject({ code: '304', reason: expect.stringContaining('车辆已锁定') });
    expect(await rejection(status(reg, 'C', true))).toMatchObject({ code: '304' });
    expect(await rejection(followUp(reg, { kind: 'correction', correctsLsh: reg.lsh }))).toMatchObject({ code: '304' });
    await client.write(status(reg, 'O', false));
    expect((await client.write(business(reg, 'D'))).duplicate).toBe(false);
  });

  it('a cancelled vehicle accepts nothing until it is registered again', async () => {
    const reg = registration();
    await client.write(reg);
    await client.write(business(reg, 'G'));
    for (const w of [business(reg, 'D'), status(reg, 'O', true), followUp(reg, { kind: 'correction', correctsLsh: reg.lsh })]) {
      expect(await rejection(w)).toMatchObject({ code: '305', reason: expect.stringContaining('车辆已注销') });
    }
    expect((await client.write(business(reg, 'A'))).duplicate).toBe(false);
  });

  it('refuses a second registration of a live 整车编码', async () => {
    const reg = registration();
    await client.write(reg);
    expect(await rejection(business(reg, 'A'))).toMatchObject({ code: '306', reason: expect.stringContaining(reg.items.zcbm) });
  });

  it('corrects only a 流水号 it holds, and moves the state with a corrected 整车编码', async () => {
    const reg = registration();
    expect(await rejection(followUp(reg, { kind: 'correction', correctsLsh: '2611290999998' }))).toMatchObject({
      code: '301',
      reason: expect.stringContaining('2611290999998'),
    });
    await client.write(reg);
    await client.write(status(reg, 'C', true));
    const corrected = followUp(reg, { kind: 'correction', correctsLsh: reg.lsh });
    corrected.items = { ...reg.items, zcbm: `9${reg.items.zcbm.slice(1)}` };
    expect((await client.write(corrected)).duplicate).toBe(false);
    // The theft flag now belongs to the corrected code.
    expect(await rejection(business(corrected, 'D'))).toMatchObject({ code: '303' });
  });

  it('takes a business of a vehicle it has never seen (migrated data) as normal, but no status write before one', async () => {
    const unseen = registration();
    for (const [flag, set] of [
      ['C', true],
      ['O', true],
      ['C', false],
    ] as const) {
      expect(await rejection(status(unseen, flag, set))).toMatchObject({ code: '307', reason: expect.stringContaining('未办理注册登记') });
    }
    expect((await client.write(business(unseen, 'B', 'BA'))).duplicate).toBe(false);
    expect((await client.write(status(unseen, 'O', true))).duplicate).toBe(false);
  });
});

describe('六合一 simulator: every business carries its own elements', () => {
  const status = (base: LiuheyiWrite, flag: 'C' | 'O', set: boolean) => followUp(base, { kind: 'status', zt: { flag, set } });
  const cases: [string, (reg: LiuheyiWrite) => LiuheyiWrite, RegExp][] = [
    ['变更 without 变更项目', (reg) => followUp(reg, { ywlx: 'D', details: {} }), /变更项目/],
    ['注销 without 注销原因', (reg) => followUp(reg, { ywlx: 'G', details: {} }), /注销原因/],
    ['补换 without 补领/换领', (reg) => followUp(reg, { ywlx: 'K', details: {} }), /补换类型/],
    ['失窃 without date and place', (reg) => followUp(reg, { kind: 'status', zt: { flag: 'C', set: true }, details: { bajbh: 'X1' } }), /失窃日期、失窃地点/],
    ['锁定 without the department', (reg) => followUp(reg, { kind: 'status', zt: { flag: 'O', set: true }, details: { sdyy: '涉案' } }), /锁定部门/],
    ['解锁 without a reason', (reg) => followUp(reg, { kind: 'status', zt: { flag: 'O', set: false }, details: {} }), /解锁原因/],
    ['找回 without 找回情况', (reg) => followUp(reg, { kind: 'status', zt: { flag: 'C', set: false }, details: {} }), /找回情况/],
    ['更正 without 更正项目', (reg) => followUp(reg, { kind: 'correction', correctsLsh: reg.lsh, details: { gzyy: '录入错误' } }), /更正项目/],
  ];
  it.each(cases)('%s → 201', async (_name, make, reason) => {
    const reg = registration();
    await client.write(reg);
    const err = await rejection(make(reg));
    expect(err.code).toBe('201');
    expect(err.reason).toMatch(reason);
  });

  it('refuses elements of another business, unknown codes, items a 变更 cannot change, and an agent half given', async () => {
    const reg = registration();
    await client.write(reg);
    expect(await rejection(followUp(reg, { ywlx: 'D', details: { bgxm: 'csys', zxyy: '1' } }))).toMatchObject({
      code: '209',
      reason: expect.stringContaining('注销原因不属于本业务'),
    });
    expect(await rejection(followUp(reg, { ywlx: 'D', details: { bgxm: 'zcbm' } }))).toMatchObject({
      code: '207',
      reason: expect.stringContaining('不可变更'),
    });
    expect(await rejection(followUp(reg, { ywlx: 'G', details: { zxyy: '7' } }))).toMatchObject({ code: '207', reason: expect.stringContaining('注销原因') });
    expect(await rejection(followUp(reg, { kind: 'status', zt: { flag: 'C', set: true }, details: { sqrq: '2099-01-01', sqdd: '某地' } }))).toMatchObject({
      code: '210',
      reason: expect.stringContaining('失窃日期不能晚于今天'),
    });
    expect(await rejection(withItems({ wtfs: '2' }))).toMatchObject({ code: '201', reason: expect.stringContaining('代理人姓名') });
    expect(await rejection(withItems({ dlrxm: '张三' }))).toMatchObject({ code: '209', reason: expect.stringContaining('本人办理不能填写代理人') });
    expect(await rejection(withItems({ xdclx: '5' }))).toMatchObject({ code: '207', reason: expect.stringContaining('蓄电池类型') });
    expect(await rejection(withItems({ gmrq: '2026-02-30' }))).toMatchObject({ code: '210', reason: expect.stringContaining('购买日期') });
    expect(await rejection(withItems({ cllx: '' }))).toMatchObject({ code: '201', reason: expect.stringContaining('车辆类型') });
  });

  it('accepts an organisation owner with an agent, and a whole life of a vehicle with every element', async () => {
    const agent = registration().items;
    const reg = withItems({ ...organisationOwner(), wtfs: '2', dlrxm: agent.syrmc, dlrsfzmhm: agent.sfzmhm });
    await client.write(reg);
    for (const w of [status(reg, 'C', true), status(reg, 'C', false), status(reg, 'O', true), status(reg, 'O', false)]) {
      expect((await client.write(w)).duplicate).toBe(false);
    }
    for (const ywlx of ['D', 'K', 'G'] as const) expect((await client.write(followUp(reg, { ywlx }))).duplicate).toBe(false);
    const held = sim.received().filter((r) => r.fields.zcbm === reg.items.zcbm);
    expect(
      held.map((r) => r.fields.sdbm ?? r.fields.zxyy ?? r.fields.bhlx ?? r.fields.sqdd ?? r.fields.zhqk ?? r.fields.jsyy ?? r.fields.bgxm ?? r.fields.dlrxm),
    ).toEqual([agent.syrmc, '徐汇区漕溪北路地铁站出口', '派出所通知领回', '310104000000', '调查结束', 'csys', '2', '4']);
  });
});

describe('六合一 simulator: its own configuration and reconciliation', () => {
  it('judges plates by the patterns it is configured with, not a default', async () => {
    let patterns = ['沪[A-Z]\\d{6}'];
    const own = await startLiuheyiSimulator({ platePatterns: () => patterns });
    const c = new HttpLiuheyiClient({ url: own.url, key: SIMULATOR_KEY, timeoutMs: 8_000 });
    try {
      const letters = withItems({ hphm: '沪AB12345', fzjg: '沪A' });
      await expect(c.write(letters)).rejects.toMatchObject({ code: '205' });
      patterns = ['沪[A-Z][A-Z0-9]{6}'];
      expect((await c.write(letters)).duplicate).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('answers the day with counts per business and the serials it holds', async () => {
    const own = await startLiuheyiSimulator();
    const c = new HttpLiuheyiClient({ url: own.url, key: SIMULATOR_KEY, timeoutMs: 8_000 });
    try {
      const reg = registration();
      const theft = followUp(reg, { kind: 'status', zt: { flag: 'C', set: true } });
      const change = followUp(reg, { ywlx: 'D' });
      for (const w of [reg, theft]) await c.write(w);
      await expect(c.write(change)).rejects.toMatchObject({ code: '303' });
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(await c.reconcile(today)).toEqual({ day: today, counts: { A: 1, C1: 1 }, serials: [reg.lsh, theft.lsh].sort() });
      expect(await c.reconcile('2020-01-01')).toEqual({ day: '2020-01-01', counts: {}, serials: [] });
    } finally {
      await own.close();
    }
  });
});
