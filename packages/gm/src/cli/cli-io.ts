import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sm2PrivateKeyFromPem, sm2PublicKeyFromDer, sm2PublicKeyFromPem } from '../keys.ts';

/* Shared by the gm commands: argument parsing, file/stdin I/O, key files. Nothing here prints key material. */

/** A mistake in how the command was called: exit code 2 and the command's usage. */
export class UsageError extends Error {}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  /** One line in Chinese for `gm --help`. */
  summary: string;
  /** Usage lines (options with a short Chinese explanation). */
  usage: string;
  options: OptionSpec;
  /** Resolves to the exit code. */
  run(values: Values): Promise<number>;
}

/** parseArgs with strict options and no positionals; every parse failure becomes a UsageError in Chinese. */
export function parseOptions(argv: string[], options: OptionSpec): Values {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`未知选项 ${unknown[1]}`);
    const missingValue = /Option '(--[\w-]+)[^']*' argument missing/.exec(message);
    if (missingValue) throw new UsageError(`选项 ${missingValue[1]} 需要一个值`);
    const noValue = /Option '([^']+)' does not take an argument/.exec(message);
    if (noValue) throw new UsageError(`选项 ${noValue[1]} 不带值`);
    const positional = /Unexpected argument '([^']*)'/.exec(message);
    if (positional) throw new UsageError(`不接受位置参数 ${positional[1]}（请用 --in/--out 等选项）`);
    throw new UsageError(`参数错误：${message}`);
  }
}

/** A required string option. */
export function required(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少必需的选项 --${name}`);
  return v;
}

export const optional = (values: Values, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

/** A hex option of an exact byte length (16 for SM4 keys and IVs) or any non-empty length. */
export function hexOption(values: Values, name: string, bytes?: number): Buffer {
  const v = required(values, name);
  if (!/^([0-9a-fA-F]{2})+$/.test(v)) throw new UsageError(`--${name} 须为十六进制字符串（偶数位）`);
  const buf = Buffer.from(v, 'hex');
  if (bytes !== undefined && buf.length !== bytes) throw new UsageError(`--${name} 须为 ${bytes} 字节（${bytes * 2} 位十六进制）`);
  return buf;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The bytes of --in FILE, or of stdin when the option is absent or '-'. */
export async function readInput(file: string | undefined): Promise<Buffer> {
  return file === undefined || file === '-' ? readStdin() : readFileSync(file);
}

/** Writes an output file; '-' writes to stdout. */
export function writeOutput(file: string, data: Uint8Array | string): void {
  if (file === '-') process.stdout.write(data);
  else writeFileSync(file, data);
}

/** Refuses to overwrite existing files unless forced (a key file overwritten by mistake is a key lost). */
export function refuseOverwrite(files: (string | undefined)[], force: boolean): void {
  if (force) return;
  const existing = files.find((f) => f !== undefined && existsSync(f));
  if (existing) throw new UsageError(`文件已存在：${existing}（如确需覆盖请加 --force）`);
}

/** Writes a secret file readable by its owner only. */
export function writeSecretFile(file: string, data: string): void {
  writeFileSync(file, data, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** An SM2 private key from a PEM/DER file (PKCS#8 or SEC1, as openssl writes). */
export function readPrivateKeyFile(file: string): string {
  const raw = readFileSync(file);
  return sm2PrivateKeyFromPem(raw.includes('-----BEGIN') ? raw.toString('utf8') : raw);
}

/** An SM2 public key from a PEM file (PUBLIC KEY, or a private key file from which it is derived) or SPKI DER. */
export function readPublicKeyFile(file: string): string {
  const raw = readFileSync(file);
  return raw.includes('-----BEGIN') ? sm2PublicKeyFromPem(raw.toString('utf8')) : sm2PublicKeyFromDer(raw);
}
