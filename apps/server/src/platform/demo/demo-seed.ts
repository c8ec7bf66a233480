import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_ROLE_PERMISSIONS, type AdminKind, type DataScope, type SecurityLabel } from '@shtp/core/platform';
import { generateInitialPassword, hashPassword } from '../auth/password-hash.ts';
import type { Zone } from '../config/config.ts';
import type { Db, Tx } from '../db/client.ts';
import { BRIGADES, DISTRICTS, SPECIAL_DETACHMENTS } from './demo-org.ts';
import { demoSeedRepository as repo } from './demo-seed.repository.ts';

interface RoleSeed {
  code: string;
  name: string;
  dataScope: DataScope;
  adminKind: AdminKind | null;
  permissions: string[];
  /** `clearance`: the account's security label (AC-6) when not the default 内部. */
  account: { username: string; displayName: string; department: 'hq' | 'district'; clearance?: SecurityLabel };
  /** Further accounts of the role, like the first: for what one person may not do alone (two-person rules). */
  more?: { username: string; displayName: string }[];
  /** Seeded only in this zone (its modules propose the grants); absent: in every zone. */
  zone?: Zone;
}

/** Built-in roles: the three separated administrators plus the business roles the modules extend. */
const ROLE_SEEDS: RoleSeed[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    dataScope: 'all',
    adminKind: 'system',
    permissions: ADMIN_ROLE_PERMISSIONS.system,
    account: { username: 'sysadmin', displayName: '系统管理员', department: 'hq' },
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    dataScope: 'all',
    adminKind: 'security',
    permissions: ADMIN_ROLE_PERMISSIONS.security,
    account: { username: 'secadmin', displayName: '安全管理员', department: 'hq' },
  },
  {
    code: 'auditadmin',
    name: '审计管理员',
    dataScope: 'all',
    adminKind: 'audit',
    permissions: ADMIN_ROLE_PERMISSIONS.audit,
    account: { username: 'auditadmin', displayName: '审计管理员', department: 'hq' },
  },
  {
    code: 'window_officer',
    name: '窗口民警',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'officer01', displayName: '窗口民警01', department: 'district' },
  },
  {
    code: 'supervisor',
    name: '审核监管民警',
    dataScope: 'dept_and_children',
    adminKind: null,
    permissions: [],
    account: { username: 'supervisor01', displayName: '监管民警01', department: 'district', clearance: 'confidential' },
    // The second person of the archive's disposal (requested by one supervisor, approved by another).
    more: [{ username: 'supervisor02', displayName: '监管民警02' }],
  },
  {
    code: 'road_officer',
    name: '路面执勤民警',
    dataScope: 'self',
    adminKind: null,
    permissions: [],
    account: { username: 'road01', displayName: '执勤民警01', department: 'district' },
  },
  {
    code: 'tp_first_check',
    name: '临牌预警初核民警',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'tpcheck01', displayName: '初核民警01', department: 'district' },
  },
  {
    code: 'tp_review',
    name: '临牌预警复核民警',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'tpreview01', displayName: '复核民警01', department: 'district' },
  },
  // Internet zone: the maker and the checker of the 一网通办 area's content are separate roles (G8, G4).
  {
    code: 'web_editor',
    name: '信息发布编辑',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'webedit01', displayName: '信息发布编辑01', department: 'hq' },
    zone: 'internet',
  },
  {
    code: 'web_reviewer',
    name: '信息发布审核与一网通办对接',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'webreview01', displayName: '信息发布审核01', department: 'hq' },
    zone: 'internet',
  },
  {
    code: 'citizen_service',
    name: '互认用户服务民警',
    dataScope: 'dept',
    adminKind: null,
    permissions: [],
    account: { username: 'citizen01', displayName: '互认用户服务01', department: 'hq' },
    zone: 'internet',
  },
];

export interface DemoAccount {
  username: string;
  password: string;
  roles: string[];
}

const insertDepartment = (tx: Tx, parent: { id: number; path: string } | null, code: string, name: string, level: string, sort: number) =>
  repo.insertDepartment(tx, parent, { code, name, level, sort });

/** Seeds an empty database with the organisation, the built-in roles of the zone and one account per role. */
export async function seedDemo(
  db: Db,
  dataDir: string | null,
  iterations: number,
  proposedGrants: (roleCode: string) => string[] = () => [],
  zone: Zone = 'police',
): Promise<DemoAccount[] | null> {
  if ((await repo.userCount(db)) > 0) return null;

  const accounts: DemoAccount[] = [];
  await db.transaction(async (tx) => {
    const hq = await insertDepartment(tx, null, '310000000000', '上海市公安局交通警察总队', '总队', 0);
    let firstDistrict: { id: number; path: string } | null = null;
    for (const [i, [code, name]] of DISTRICTS.entries()) {
      const d = await insertDepartment(tx, hq, `${code}000000`, `${name}交警支队`, '支队', i + 1);
      firstDistrict ??= d;
      for (const [j, b] of BRIGADES.entries()) {
        const brigade = await insertDepartment(tx, d, `${code}0${j + 1}0000`, `${name}交警支队${b}`, '大队', j + 1);
        if (j === 0) await insertDepartment(tx, brigade, `${code}010100`, `${name}交警支队${b}一中队`, '中队', 1);
      }
    }
    for (const [i, name] of SPECIAL_DETACHMENTS.entries()) {
      await insertDepartment(tx, hq, `3100${90 + i}000000`, name, '支队', 100 + i);
    }
    for (const seed of ROLE_SEEDS.filter((r) => !r.zone || r.zone === zone)) {
      const granted = [...new Set([...seed.permissions, ...(seed.adminKind ? [] : proposedGrants(seed.code))])];
      const roleId = await repo.insertRole(
        tx,
        {
          code: seed.code,
          name: seed.name,
          dataScope: seed.dataScope,
          adminKind: seed.adminKind,
          builtIn: true,
          description: seed.adminKind ? '三员分立内置角色' : '业务角色',
        },
        granted,
      );
      const deptId = seed.account.department === 'hq' ? hq.id : firstDistrict!.id;
      for (const account of [seed.account, ...(seed.more ?? []).map((m) => ({ ...seed.account, ...m }))]) {
        const password = generateInitialPassword();
        await repo.insertUser(
          tx,
          {
            username: account.username,
            displayName: account.displayName,
            departmentId: deptId,
            passwordHash: await hashPassword(password, iterations),
            passwordChangeReason: 'first_login',
            ...(account.clearance && { clearance: account.clearance }),
          },
          roleId,
        );
        accounts.push({ username: account.username, password, roles: [seed.code] });
      }
    }
    // Before the commit: accounts whose passwords could not be written down would be locked out for good.
    if (dataDir) writeAccountsFile(dataDir, accounts);
  });
  return accounts;
}

/** DATA_DIR/demo-accounts.json, readable by the owner only; the folder is created first (PostgreSQL needs none of its own). */
function writeAccountsFile(dataDir: string, accounts: DemoAccount[]): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'demo-accounts.json');
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
