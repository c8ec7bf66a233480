import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sm3Hex } from '@shtp/gm';
import { type Config, ConfigError } from '../config/config.ts';

/** The master key (KEK): wraps every data key, never stored in the database, never logged. */
export interface MasterKey {
  key: Buffer;
  /** SM3 prefix identifying the KEK, stored beside each wrapped key. */
  id: string;
}

const fromHex = (hex: string): MasterKey => {
  const key = Buffer.from(hex, 'hex');
  return { key, id: sm3Hex(key).slice(0, 16) };
};

/** Loads the KEK from the environment or its file; outside production, creates the file (mode 600) on first start. */
export function loadMasterKey(source: Config['masterKey']): MasterKey {
  if ('hex' in source) return fromHex(source.hex);
  if (!existsSync(source.file)) {
    if (!source.create) throw new ConfigError(`主密钥文件不存在：${source.file}`);
    mkdirSync(path.dirname(source.file), { recursive: true, mode: 0o700 });
    writeFileSync(source.file, `${randomBytes(16).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  if ((statSync(source.file).mode & 0o077) !== 0) chmodSync(source.file, 0o600);
  const hex = readFileSync(source.file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new ConfigError(`主密钥文件格式错误（须为 32 位十六进制）：${source.file}`);
  return fromHex(hex);
}
