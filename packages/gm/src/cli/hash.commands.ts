import { hmacSm3, sm3Hex } from '../sm3.ts';
import { type Command, hexOption, optional, readInput } from './cli-io.ts';

/* gm sm3 / gm hmac — digests as lowercase hex on stdout, like `openssl dgst -sm3 -r` without the file name. */

export const sm3Command: Command = {
  name: 'sm3',
  summary: 'SM3 摘要（十六进制），默认读标准输入',
  usage: 'gm sm3 [--in FILE]\n  --in FILE   输入文件（省略或 - 表示标准输入）',
  options: { in: { type: 'string' } },
  async run(values) {
    process.stdout.write(`${sm3Hex(await readInput(optional(values, 'in')))}\n`);
    return 0;
  },
};

export const hmacCommand: Command = {
  name: 'hmac',
  summary: 'HMAC-SM3（十六进制），默认读标准输入',
  usage: 'gm hmac --key HEX [--in FILE]\n  --key HEX   HMAC 密钥（十六进制）\n  --in FILE   输入文件（省略或 - 表示标准输入）',
  options: { key: { type: 'string' }, in: { type: 'string' } },
  async run(values) {
    const key = hexOption(values, 'key');
    process.stdout.write(`${hmacSm3(key, await readInput(optional(values, 'in'))).toString('hex')}\n`);
    return 0;
  },
};
