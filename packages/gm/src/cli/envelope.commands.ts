import { MemoryReplayCache, openEnvelope, sealEnvelope } from '../envelope.ts';
import { sm2PublicKeyId } from '../keys.ts';
import { sm2PublicKeyOf } from '../sm2.ts';
import { type Command, optional, readInput, readPrivateKeyFile, readPublicKeyFile, required, UsageError, writeOutput } from './cli-io.ts';

/*
 * gm seal / gm open — digital envelopes v1 (README "Digital envelope") as JSON files. Key IDs default to the SM3 of
 * each public key's SPKI (sm2PublicKeyId), so two parties who exchanged public key files need no other agreement.
 * The replay cache lives for one `gm open` run only: across runs, replay protection is the receiving system's job.
 */

const ID_OPTIONS = '  --to-id ID   接收方密钥标识（默认：接收方公钥的 SM3 标识）\n  --from-id ID 发送方密钥标识（默认：发送方公钥的 SM3 标识）';

export const sealCommand: Command = {
  name: 'seal',
  summary: '封装数字信封：SM4 加密 + SM2 密钥封装 + 发送方 SM2 签名',
  usage: `gm seal --to recipient-pub.pem --key sender-key.pem [--to-id ID] [--from-id ID] --in FILE --out ENVELOPE\n  --to FILE    接收方 SM2 公钥\n  --key FILE   发送方 SM2 私钥（用于签名）\n${ID_OPTIONS}\n  --in/--out   明文 / 信封（JSON）`,
  options: {
    to: { type: 'string' },
    key: { type: 'string' },
    'to-id': { type: 'string' },
    'from-id': { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values) {
    const toFile = required(values, 'to');
    const keyFile = required(values, 'key');
    const input = required(values, 'in');
    const out = required(values, 'out');
    const recipientPublicKey = readPublicKeyFile(toFile);
    const senderPrivateKey = readPrivateKeyFile(keyFile);
    const envelope = sealEnvelope(await readInput(input), {
      recipientPublicKey,
      recipientKeyId: optional(values, 'to-id') ?? sm2PublicKeyId(recipientPublicKey),
      senderPrivateKey,
      senderKeyId: optional(values, 'from-id') ?? sm2PublicKeyId(sm2PublicKeyOf(senderPrivateKey)),
    });
    writeOutput(out, `${JSON.stringify(envelope)}\n`);
    return 0;
  },
};

export const openCommand: Command = {
  name: 'open',
  summary: '拆开数字信封：验证发送方签名、接收方、时效后解密',
  usage: `gm open --key recipient-key.pem --from sender-pub.pem [--to-id ID] [--from-id ID] --in ENVELOPE --out FILE [--max-age SECONDS]\n  --key FILE   接收方 SM2 私钥\n  --from FILE  发送方 SM2 公钥（只接受该发送方）\n${ID_OPTIONS}\n  --in/--out   信封（JSON）/ 明文\n  --max-age N  信封最长有效期（秒，默认 300）`,
  options: {
    key: { type: 'string' },
    from: { type: 'string' },
    'to-id': { type: 'string' },
    'from-id': { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    'max-age': { type: 'string' },
  },
  async run(values) {
    const keyFile = required(values, 'key');
    const fromFile = required(values, 'from');
    const input = required(values, 'in');
    const out = required(values, 'out');
    const maxAge = optional(values, 'max-age');
    if (maxAge !== undefined && !/^[1-9]\d{0,9}$/.test(maxAge)) throw new UsageError('--max-age 须为正整数（秒）');
    const recipientPrivateKey = readPrivateKeyFile(keyFile);
    const senderPublicKey = readPublicKeyFile(fromFile);
    const senderKeyId = optional(values, 'from-id') ?? sm2PublicKeyId(senderPublicKey);
    const opened = await openEnvelope((await readInput(input)).toString('utf8'), {
      recipientPrivateKey,
      recipientKeyId: optional(values, 'to-id') ?? sm2PublicKeyId(sm2PublicKeyOf(recipientPrivateKey)),
      senderPublicKey: (keyId) => (keyId === senderKeyId ? senderPublicKey : undefined),
      replayCache: new MemoryReplayCache(),
      ...(maxAge === undefined ? {} : { maxAgeMs: Number(maxAge) * 1000 }),
    });
    writeOutput(out, opened.payload);
    process.stderr.write(`信封有效：发送方 ${opened.senderKeyId}，封装时间 ${new Date(opened.timestamp).toISOString()}\n`);
    return 0;
  },
};
