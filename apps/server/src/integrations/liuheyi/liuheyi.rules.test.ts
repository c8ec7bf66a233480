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

  it('takes a vehicle it has never seen (migrated data) as normal', async () => {
    const reg = registration();
    expect((await client.write(business(reg, 'B', 'BA'))).duplicate).toBe(false);
    expect((await client.write(status(reg, 'O', true))).duplicate).toBe(false);
  });
});
