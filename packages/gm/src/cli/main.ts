import { isGmError } from '../errors.ts';
import { type Command, parseOptions, UsageError } from './cli-io.ts';
import { openCommand, sealCommand } from './envelope.commands.ts';
import { hmacCommand, sm3Command } from './hash.commands.ts';
import { signReleaseCommand, verifyReleaseCommand } from './release.commands.ts';
import { decryptCommand, encryptCommand, keygenCommand, signCommand, verifyCommand } from './sm2.commands.ts';
import { sm4Command } from './sm4.command.ts';

/*
 * `gm` — the 国密 command-line tool (bin/gm.mjs). Exit codes: 0 success, 1 failure (invalid signature, tampered
 * data, unreadable file…), 2 usage error. Messages go to stderr in Chinese; no key material is ever printed.
 */

const COMMANDS: readonly Command[] = [
  keygenCommand,
  sm3Command,
  hmacCommand,
  signCommand,
  verifyCommand,
  encryptCommand,
  decryptCommand,
  sm4Command,
  sealCommand,
  openCommand,
  signReleaseCommand,
  verifyReleaseCommand,
];

const HELP = `gm — 国密 SM2/SM3/SM4 命令行工具（文件格式与 openssl 3 互通）

用法：gm <命令> [选项]      gm <命令> --help 查看该命令的选项

命令：
${COMMANDS.map((c) => `  ${c.name.padEnd(15)} ${c.summary}`).join('\n')}

退出码：0 成功；1 失败（签名无效、数据被篡改、文件无法读取等）；2 用法错误。
`;

/** File-system errors in Chinese, naming the file (never its content). */
function describe(err: unknown): string {
  if (isGmError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  const file = e?.path ? `：${e.path}` : '';
  switch (e?.code) {
    case 'ENOENT':
      return `文件或目录不存在${file}`;
    case 'EACCES':
    case 'EPERM':
      return `没有访问权限${file}`;
    case 'EISDIR':
      return `需要文件，但这是一个目录${file}`;
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

/** Runs one command line (without `node gm`) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`gm：未知命令 ${name}\n\n${HELP}`);
    return 2;
  }
  try {
    const values = parseOptions(rest, command.options);
    if (values.help) {
      process.stdout.write(`${command.summary}\n\n${command.usage}\n`);
      return 0;
    }
    return await command.run(values);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`gm ${name}：${err.message}\n\n用法：${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`gm ${name}：${describe(err)}\n`);
    return 1;
  }
}
