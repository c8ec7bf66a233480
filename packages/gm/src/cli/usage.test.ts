import { describe, expect, it } from 'vitest';
import { gm } from './test-cli.ts';

describe('gm usage errors exit 2 with a Chinese message', () => {
  it.each([
    [['frobnicate'], '未知命令'],
    [['sign', '--in', 'x', '--out', 'y'], '缺少必需的选项 --key'],
    [['sm3', '--bogus'], '未知选项 --bogus'],
    [['sm3', 'positional'], '不接受位置参数'],
    [['sm4', '--mode', 'cbc', '--key', '00'.repeat(16), '--iv', '00'.repeat(16), '--in', 'a', '--out', 'b'], '--enc 或 --dec'],
    [['sm4', '--enc', '--dec', '--mode', 'cbc', '--key', '00'.repeat(16), '--iv', '00'.repeat(16), '--in', 'a', '--out', 'b'], '--enc 或 --dec'],
    [['sm4', '--enc', '--mode', 'gcm', '--key', '00'.repeat(16), '--iv', '00'.repeat(16), '--in', 'a', '--out', 'b'], '--mode 须为 cbc 或 ctr'],
    [['sm4', '--enc', '--mode', 'cbc', '--key', '00'.repeat(15), '--iv', '00'.repeat(16), '--in', 'a', '--out', 'b'], '--key 须为 16 字节'],
    [['hmac', '--key', 'xyz'], '--key 须为十六进制'],
    [['open', '--key', 'k', '--from', 'f', '--in', 'i', '--out', 'o', '--max-age', '-5'], '--max-age'],
  ])('gm %j', (args, message) => {
    const run = gm(args as string[]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('--help lists every command and exits 0; a missing input file exits 1 naming the file', () => {
    const help = gm(['--help']);
    expect(help.status).toBe(0);
    for (const name of ['keygen', 'sm3', 'hmac', 'sign', 'verify', 'encrypt', 'decrypt', 'sm4', 'seal', 'open', 'sign-release', 'verify-release']) {
      expect(help.stdout.toString()).toContain(`  ${name} `);
    }
    const missing = gm(['sm3', '--in', '/nonexistent/gm-input']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('文件或目录不存在：/nonexistent/gm-input');
  });
});
