import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PI_CATEGORIES } from '../../src/platform/privacy/pi-classification.ts';
import { INVENTORY_FILE, inventoryProblems, loadClassifications, loadTables, renderInventory } from '../../src/platform/privacy/pi-inventory.ts';

/** PI-1: the personal-information inventory is complete and docs/security/pi-inventory.md is what the code says. */
describe('PI-1 personal-information inventory', () => {
  it('classifies every column of every table, and nothing else', async () => {
    const tables = await loadTables();
    expect(tables.length).toBeGreaterThan(20);
    expect(inventoryProblems(tables, await loadClassifications())).toEqual([]);
  });

  it('reports a table or column that has no classification', async () => {
    const tables = await loadTables();
    const classified = await loadClassifications();
    const users = classified.find((c) => c.columns.passwordHash !== undefined && 'clearance' in c.columns)!;
    const { clearance: _dropped, ...rest } = users.columns;
    const withoutColumn = classified.map((c) => (c === users ? { ...c, columns: rest } : c));
    expect(inventoryProblems(tables, withoutColumn)).toEqual(['列 users.clearance 没有个人信息分类']);
    expect(
      inventoryProblems(
        tables,
        classified.filter((c) => c !== users),
      ),
    ).toEqual(['表 users 没有个人信息分类（在模块的 *.pi.ts 中用 classify() 声明）']);
  });

  it('every category states purpose, legal basis and retention, and masks its synthetic sample', () => {
    for (const c of Object.values(PI_CATEGORIES)) {
      expect(c.purpose && c.basis && c.retention, c.label).toBeTruthy();
      for (const m of c.masking) expect(m.mask(m.sample), `${c.label}: ${m.rule}`).not.toBe(m.sample);
    }
  });

  it('docs/security/pi-inventory.md is up to date (regenerate with `npm run pi-inventory`)', async () => {
    const committed = readFileSync(INVENTORY_FILE, 'utf8');
    expect(committed, '个人信息清单与代码不一致：请运行 npm run pi-inventory 并提交 docs/security/pi-inventory.md').toBe(
      renderInventory(await loadClassifications()),
    );
  });
});
