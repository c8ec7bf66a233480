import type { KeyInfo } from '@shtp/core/platform';

/** One purpose of the key store with all its versions, newest first. */
export interface KeyGroup {
  purpose: string;
  label: string;
  algorithm: string;
  rotatable: boolean;
  active: KeyInfo | undefined;
  versions: KeyInfo[];
}

/** Groups the server's per-version list by purpose, keeping the server's order of purposes. */
export function groupKeys(keys: KeyInfo[]): KeyGroup[] {
  const groups = new Map<string, KeyGroup>();
  for (const k of keys) {
    const g = groups.get(k.purpose) ?? { purpose: k.purpose, label: k.label, algorithm: k.algorithm, rotatable: k.rotatable, active: undefined, versions: [] };
    g.versions.push(k);
    if (k.status === 'active') g.active = k;
    groups.set(k.purpose, g);
  }
  for (const g of groups.values()) g.versions.sort((a, b) => b.version - a.version);
  return [...groups.values()];
}

/** What a rotation does to this purpose, for the confirmation (Chinese, shown before the operator decides). */
export function rotationConsequence(purpose: string): string {
  switch (purpose) {
    case 'pii-enc':
      return '新版本立即用于加密新写入的个人信息；旧版本保留用于解密，并自动排入重加密任务，把已有数据分批改为新版本加密（期间业务不停）。';
    case 'record-sign':
      return '新签名立即使用新的 SM2 密钥；旧密钥保留，仍可验证已签名的记录（不会重新签名）。请把新公钥发布给外部验证方。';
    case 'audit-mac':
    case 'acl-mac':
      return '新写入的校验值使用新版本；旧版本保留，用于校验已有记录。';
    default:
      return '新版本立即生效，旧版本保留可读。';
  }
}
