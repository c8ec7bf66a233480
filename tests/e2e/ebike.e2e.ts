import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { ebikeIds, people, Rng, type SyntheticPerson } from '@shtp/testkit';
import { freePort, type RunningServer, readyAccount, startServer } from '@shtp/testkit/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, manualScreenshot, openBrowser, openMenu } from './console.ts';

/**
 * 电动自行车 in the real console, every business once: the window officer registers an e-bike through the form,
 * transfers it, changes its colour, replaces its plate, reports it stolen and found, corrects an item and finds it
 * by plate with the owner masked; the supervisor locks and unlocks it and adds a plate series; the officer cancels it,
 * and every business has reached 已上传 in 上传监控 (六合一 simulator). Then a registration 六合一 rejects (the
 * simulator's fault injection): the officer sees why on the vehicle page and in 上传监控, while a later business
 * waits (等待前序业务); 更正重报 from 上传监控 goes up in its place, the waiting one follows, and 每日对账 shows the
 * day with no mismatch.
 */

/** The ten businesses of the story, as the history labels them. */
const HISTORY = ['注册登记', '转移登记', '变更登记', '补换牌登记', '失窃登记', '失窃找回', '更正', '锁定', '解锁', '注销登记'];

// Synthetic owners and vehicle from the seeded generator (valid check digits, nobody's real data).
const rng = new Rng(20261129);
const [owner, buyer] = [...people(rng.fork('owner'), { count: 2, nonShanghaiShare: 0, abolishedAreaShare: 0 })];
const bike = ebikeIds(rng.fork('bike'), { count: 1 }).next().value!;
// The vehicle whose registration 六合一 rejects.
const [rejectedOwner] = [...people(rng.fork('owner2'), { count: 1, nonShanghaiShare: 0, abolishedAreaShare: 0 })];
const rejectedBike = ebikeIds(rng.fork('bike2'), { count: 1 }).next().value!;

let server: RunningServer;
let browser: Browser;
let page: Page;
let vehicleUrl = '';
let plate = '';
let simulatorUrl = '';
/** 六合一 uploads already done when the story starts (the dev start's paper-era demo registrations). */
let doneBefore = 0;

const screenshot = (name: string) => manualScreenshot(page, name);

/** Opens an antd select by test id, clicks the visible option with this label (a string matches whole) and sees it selected. */
async function pick(testId: string, label: string | RegExp, search?: string) {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await page.keyboard.type(search);
  const text = typeof label === 'string' ? new RegExp(`^${label}$`) : label;
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click();
  await expect.poll(() => select.textContent()).toMatch(typeof label === 'string' ? label : text);
}

/** The owner items of the registration form and the transfer modal; the district is the person's own. */
async function fillOwner(person: SyntheticPerson) {
  const district = SHANGHAI_DISTRICTS[person.districtCode as keyof typeof SHANGHAI_DISTRICTS];
  await page.getByTestId('owner-id-number').fill(person.idNumber);
  await page.getByTestId('owner-name').fill(person.name);
  await page.getByTestId('owner-phone').fill(person.mobile);
  await pick('owner-district', district, district.slice(0, 2));
  await page.getByTestId('owner-address').fill(person.address);
}

/** The registration form, every item (the page is open). */
async function fillRegistration(b: typeof bike, person: SyntheticPerson, model: string) {
  await page.getByTestId('vehicle-zcbm').fill(b.frameCode);
  await page.getByTestId('vehicle-motor-no').fill(b.motorNumber);
  await page.getByTestId('vehicle-brand').fill(b.brand);
  await page.getByTestId('vehicle-model').fill(model);
  await pick('vehicle-colours', '白');
  await page.keyboard.press('Escape');
  await page.getByTestId('vehicle-ccc').fill('2024011100000001');
  await page.getByTestId('vehicle-purchase-date').click();
  await page.keyboard.type('2026-11-01');
  await page.keyboard.press('Enter');
  await pick('vehicle-battery-type', '锂离子电池');
  await page.getByTestId('vehicle-battery-voltage').fill('48');
  await page.getByTestId('vehicle-origin-proof').fill('88886666');
  await fillOwner(person);
}

/** Does one business in its modal and waits for the modal to close. */
async function business(action: string, fill: () => Promise<void>, save: string) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  await fill();
  await page.getByTestId(save).click();
  await modal.waitFor({ state: 'detached' });
}

/** 变更: 蓝 added to the colours. */
const addBlue = () =>
  business(
    'change',
    async () => {
      await pick('change-colours', '蓝');
      await page.keyboard.press('Escape');
    },
    'change-save',
  );

const statusText = () => page.getByTestId('vehicle-status').textContent();
/** A row of the business history with this business label (an 更正 row also names the serial it corrects). */
const historyRow = (label: string) => page.getByTestId('business-history').locator('tr.ant-table-row', { hasText: label }).first();
const plateText = async () => ((await page.getByTestId('vehicle-plate').textContent()) ?? '').trim();

describe('电动自行车：窗口民警办理全部业务，监管民警锁定解锁，全部上传六合一', () => {
  beforeAll(async () => {
    // A known port for the 六合一 simulator, so that the story can inject a rejection through its admin route.
    const simPort = await freePort();
    simulatorUrl = `http://127.0.0.1:${simPort}`;
    server = await startServer({ env: { LIUHEYI_SIM_PORT: String(simPort) } });
    await readyAccount(server, 'officer01');
    await readyAccount(server, 'supervisor01');
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('officer01 registers through the form, transfers, changes, re-plates, reports it stolen and found, corrects, and finds it masked', async () => {
    await login(page, server.baseUrl, 'officer01');
    // Businesses already uploaded before the story (the dev start's paper-era demo registrations, migrated as done).
    const stats = await page.request.get(`${server.baseUrl}/api/ebike/uploads/stats`);
    expect(stats.status()).toBe(200);
    doneBefore = Number((await stats.json()).counts.done);
    await openMenu(page, '注册登记', '/ebike/register');
    await fillRegistration(bike, owner!, 'E2E-1');
    await screenshot('ebike-register.png');
    await page.getByTestId('register-submit').click();

    await page.waitForURL(/\/ebike\/vehicles\/\d+$/);
    vehicleUrl = page.url();
    plate = await plateText();
    expect(plate).toMatch(/^沪[A-Z]/);
    expect(await page.getByTestId('owner-id-view').textContent()).not.toBe(owner!.idNumber); // masked by default
    expect(await page.getByTestId('show-clear').count()).toBe(0); // the window officer may not unmask

    await business('transfer', () => fillOwner(buyer!), 'transfer-save');
    await historyRow('转移登记').waitFor();
    expect(await plateText()).toBe(plate); // BA keeps the number

    await addBlue();
    await expect.poll(() => page.getByTestId('vehicle-colours').textContent()).toBe('白/蓝');

    await business('replace_plate', () => pick('replace-mode', '换领（号牌损坏）'), 'replace-save');
    await expect.poll(plateText).not.toBe(plate); // a new number from the pool
    plate = await plateText();

    await business('theft', () => page.getByTestId('theft-place').fill('浦东新区世纪公园南门'), 'theft-save');
    await expect.poll(statusText).toBe('被盗抢');
    expect(await page.getByTestId('action-transfer').count()).toBe(0); // stopped while stolen
    await business('recover', () => page.getByTestId('recover-note').fill('民警巡逻查获，车辆完好'), 'recover-save');
    await expect.poll(statusText).toBe('正常');

    await business(
      'correct',
      async () => {
        await pick('correct-business', /注册登记$/);
        await pick('correct-items', '型号');
        await page.keyboard.press('Escape');
        await page.getByTestId('correct-item-model').fill('E2E-2');
        await page.getByTestId('correct-reason').fill('登记时型号录入错误');
      },
      'correct-save',
    );
    await expect.poll(() => page.getByTestId('vehicle-items').textContent()).toContain('E2E-2');
    for (const label of HISTORY.slice(0, 7)) await historyRow(label).waitFor();
    await page.getByTestId('business-history').getByText('车身颜色：白 → 白/蓝').waitFor();

    await openMenu(page, '单项查询', '/ebike/query');
    await page.getByTestId('query-text').locator('input').fill(plate);
    await page.getByTestId('query-text').locator('input').press('Enter');
    const row = page.getByTestId('query-results').locator('tr.ant-table-row', { hasText: plate });
    await row.waitFor();
    const shown = (await row.getByTestId('result-owner').textContent()) ?? '';
    expect(shown).toContain('*');
    expect(shown).not.toBe(buyer!.name);
    await screenshot('ebike-query.png');
    await logout(page);
  });

  it('supervisor01 locks and unlocks, and adds a plate series for the detachment', async () => {
    await login(page, server.baseUrl, 'supervisor01');
    await page.goto(vehicleUrl);
    await business('lock', () => page.getByTestId('lock-reason').fill('涉嫌套牌，待核查'), 'lock-save');
    await page.getByTestId('lock-info').waitFor();
    await expect.poll(statusText).toBe('锁定');
    expect(await page.getByTestId('action-change').count()).toBe(0);
    await business('unlock', () => page.getByTestId('unlock-reason').fill('核查无误，解除锁定'), 'unlock-save');
    await page.getByTestId('lock-info').waitFor({ state: 'detached' });
    await expect.poll(statusText).toBe('正常');

    // 生成号段 for the supervisor's own detachment: its ordinary pool grows by the count.
    await openMenu(page, '号牌管理', '/ebike/plates');
    const firstRow = page.getByTestId('plate-stats').locator('tr.ant-table-row').first();
    const department = ((await firstRow.locator('td').first().textContent()) ?? '').trim();
    const ordinary = page.getByTestId('plate-stats').locator('tr.ant-table-row', { hasText: department }).filter({ hasText: '普通号牌' });
    const free = async () => Number(await ordinary.locator('td').nth(2).textContent());
    const before = await free();
    await page.getByTestId('plate-batch-create').click();
    await page.locator('[data-testid=plate-batch-department]:not(.ant-select-disabled)').click(); // enabled once the departments arrive
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: department }).first().click();
    await page.getByTestId('plate-batch-prefix').fill('沪AK');
    await page.getByTestId('plate-batch-count').fill('100');
    await screenshot('ebike-plates.png');
    await page.getByTestId('plate-batch-save').click();
    await page.getByText('已生成 100 个号码').waitFor();
    await expect.poll(free).toBe(before + 100);
  });

  it('officer01 cancels it; the history holds all ten businesses and every one reached 六合一', async () => {
    await logout(page);
    await login(page, server.baseUrl, 'officer01');
    await page.goto(vehicleUrl);
    await business('cancel', () => pick('cancel-reason', '不再使用'), 'cancel-save');
    await expect.poll(statusText).toBe('注销');
    expect(await page.getByTestId('action-lock').count()).toBe(0); // a cancelled vehicle accepts nothing
    for (const label of HISTORY) await historyRow(label).waitFor();
    await screenshot('ebike-vehicle.png');

    await openMenu(page, '上传监控', '/ebike/uploads');
    const count = (state: string) => page.getByTestId(`upload-count-${state}`).locator('.ant-statistic-content-value').textContent();
    // The page refreshes itself every 10 s; reloading only makes the wait shorter.
    await expect
      .poll(
        async () => {
          await page.reload();
          return count('done');
        },
        { timeout: 120_000, interval: 1_000 },
      )
      .toBe(String(doneBefore + HISTORY.length));
    expect(await count('failed')).toBe('0');
    const uploaded = page.getByTestId('upload-list').locator('tr.ant-table-row', { hasText: plate });
    // The list is its own query: after a reload it may render a moment after the counts.
    await expect.poll(() => uploaded.count(), { timeout: 60_000 }).toBe(HISTORY.length);
    await screenshot('ebike-uploads.png');
  });

  it('officer01: 六合一 rejects a registration, a later business waits, 更正重报 goes up in its place, the rest follows, and the day reconciles', async () => {
    // The simulator rejects the next write (code 299), as 六合一 would a business it refuses.
    const injected = await fetch(`${simulatorUrl}/sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ failNext: { count: 1, kind: 'reject' } }),
    });
    expect(injected.status).toBe(200);
    await openMenu(page, '注册登记', '/ebike/register');
    await fillRegistration(rejectedBike, rejectedOwner!, 'E2E-3');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/ebike\/vehicles\/\d+$/);
    const rejectedPlate = await plateText();
    const rejectedUrl = page.url();

    // The vehicle page says why, once the upload has been answered.
    const banner = page.getByTestId('rejected-info');
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('vehicle-plate').waitFor();
          return banner.count();
        },
        { timeout: 120_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await banner.textContent()).toContain('六合一退回（299）');
    // A later business, made while the registration waits for its repair.
    await addBlue();
    await screenshot('ebike-rejected.png');

    // 上传监控: the rejection with its reason, the change waiting for it.
    await openMenu(page, '上传监控', '/ebike/uploads');
    await page.getByTestId('upload-plate').fill(rejectedPlate);
    await page.getByTestId('upload-search').click();
    const rows = page.getByTestId('upload-list').locator('tr.ant-table-row');
    // By the business column: a waiting row's reason names the business it waits for.
    const row = (label: string) => rows.filter({ has: page.locator('td:nth-child(2)').getByText(label, { exact: true }) }).first();
    const waitFor = async (label: string, text: string) =>
      expect
        .poll(async () => (await row(label).count()) > 0 && ((await row(label).textContent()) ?? '').includes(text), { timeout: 120_000, interval: 1_000 })
        .toBe(true);
    await waitFor('注册登记', '六合一退回（299）');
    await waitFor('变更登记', '等待前序业务');
    const registrationLsh = ((await row('注册登记').locator('td').first().textContent()) ?? '').trim();
    expect(await row('变更登记').textContent()).toContain(`等待前序业务 ${registrationLsh}`);
    await screenshot('ebike-upload-rejected.png');

    // 更正重报: the vehicle page opens with the rejected registration chosen; the officer corrects the model.
    await row('注册登记').getByRole('button', { name: '更正重报' }).click();
    await page.waitForURL(/\/ebike\/vehicles\/\d+/);
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor();
    await expect.poll(() => page.getByTestId('correct-business').textContent()).toContain(registrationLsh);
    await pick('correct-items', '型号');
    await page.keyboard.press('Escape');
    await page.getByTestId('correct-item-model').fill('E2E-4');
    await page.getByTestId('correct-reason').fill('六合一退回，型号按合格证更正');
    await page.getByTestId('correct-save').click();
    await modal.waitFor({ state: 'detached' });

    // Accepted in its place; the registration shows the chain, and the waiting change follows.
    await openMenu(page, '上传监控', '/ebike/uploads');
    await page.getByTestId('upload-plate').fill(rejectedPlate);
    await page.getByTestId('upload-search').click();
    await waitFor('更正', `更正 ${registrationLsh}`);
    await waitFor('更正', '已上传');
    await waitFor('注册登记', '已更正重报');
    await waitFor('变更登记', '已上传');
    expect(await row('注册登记').textContent()).toMatch(/六合一退回（299）.*已由更正 \d{13} 重报，六合一已受理/);

    // The vehicle page keeps the chain: the 更正 names the registration it went up for; nothing is rejected now.
    await page.goto(rejectedUrl);
    await page.getByTestId('business-history').getByText(`更正 ${registrationLsh}`).waitFor();
    expect(await page.getByTestId('rejected-info').count()).toBe(0);

    // 每日对账 of today: counts per business type and serials agree.
    await openMenu(page, '上传监控', '/ebike/uploads');
    await page.getByTestId('reconcile-run').click();
    const today = page.getByTestId('reconciliations').locator('tr.ant-table-row').first();
    await expect.poll(() => today.textContent(), { timeout: 60_000 }).toMatch(/^\d{4}-\d{2}-\d{2}一致/);
    expect(await page.getByTestId('reconciliations').locator('[data-testid^=reconcile-count-]').count()).toBe(0);
    await screenshot('ebike-reconcile.png');
  });
});
