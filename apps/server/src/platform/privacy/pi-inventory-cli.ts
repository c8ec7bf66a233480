import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { INVENTORY_FILE, inventoryProblems, loadClassifications, loadTables, renderInventory } from './pi-inventory.ts';

/** `npm run pi-inventory`: regenerates docs/security/pi-inventory.md, or lists what is not classified yet. */
const classified = await loadClassifications();
const problems = inventoryProblems(await loadTables(), classified);
if (problems.length) {
  console.error(`个人信息分类不完整：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
mkdirSync(path.dirname(INVENTORY_FILE), { recursive: true });
writeFileSync(INVENTORY_FILE, renderInventory(classified));
console.log(`已生成 ${path.relative(process.cwd(), INVENTORY_FILE)}`);
