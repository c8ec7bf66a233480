import { sm4CbcDecrypt, sm4CbcEncrypt, sm4Ctr } from '../sm4.ts';
import { type Command, hexOption, readInput, required, UsageError, writeOutput } from './cli-io.ts';

/*
 * gm sm4 — raw SM4-CBC (PKCS#7) or SM4-CTR files, byte-identical to `openssl enc -sm4-cbc|-sm4-ctr -K -iv`.
 * Not authenticated: for data at rest or in transit use `gm seal` instead.
 */

export const sm4Command: Command = {
  name: 'sm4',
  summary: 'SM4-CBC（PKCS#7 填充）/ SM4-CTR 加解密，同 openssl enc -sm4-cbc -K -iv',
  usage:
    'gm sm4 (--enc|--dec) --mode cbc|ctr --key HEX --iv HEX --in FILE --out FILE\n  --enc/--dec 加密 / 解密\n  --mode      cbc（PKCS#7 填充）或 ctr\n  --key HEX   16 字节密钥（32 位十六进制）\n  --iv HEX    16 字节初始向量\n  --in/--out  输入 / 输出文件',
  options: {
    enc: { type: 'boolean' },
    dec: { type: 'boolean' },
    mode: { type: 'string' },
    key: { type: 'string' },
    iv: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values) {
    if ((values.enc === true) === (values.dec === true)) throw new UsageError('须且只能指定 --enc 或 --dec 之一');
    const mode = required(values, 'mode');
    if (mode !== 'cbc' && mode !== 'ctr') throw new UsageError('--mode 须为 cbc 或 ctr');
    const key = hexOption(values, 'key', 16);
    const iv = hexOption(values, 'iv', 16);
    const input = required(values, 'in');
    const out = required(values, 'out');
    const data = await readInput(input);
    const result = mode === 'ctr' ? sm4Ctr(key, iv, data) : values.enc ? sm4CbcEncrypt(key, iv, data) : sm4CbcDecrypt(key, iv, data);
    writeOutput(out, result);
    return 0;
  },
};
