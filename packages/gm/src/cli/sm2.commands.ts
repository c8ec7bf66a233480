import { sm2PrivateKeyToPem, sm2PublicKeyToPem } from '../keys.ts';
import { DEFAULT_USER_ID, sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2PublicKeyOf, sm2Sign, sm2Verify } from '../sm2.ts';
import { type Command, optional, readInput, readPrivateKeyFile, readPublicKeyFile, refuseOverwrite, required, writeOutput, writeSecretFile } from './cli-io.ts';

/*
 * gm keygen / sign / verify / encrypt / decrypt — files in the formats the openssl CLI reads and writes:
 * PKCS#8 / SPKI PEM keys, DER signatures over SM3(Z_A ‖ M) with a distinguishing ID, GM/T 0009 DER ciphertexts.
 */

export const keygenCommand: Command = {
  name: 'keygen',
  summary: '生成 SM2 密钥对（PKCS#8 私钥 PEM，可选 SPKI 公钥 PEM）',
  usage:
    'gm keygen --out key.pem [--pub pub.pem] [--force]\n  --out FILE  私钥文件（PKCS#8 PEM，权限 600）\n  --pub FILE  同时写出公钥（SubjectPublicKeyInfo PEM）\n  --force     覆盖已存在的文件',
  options: { out: { type: 'string' }, pub: { type: 'string' }, force: { type: 'boolean' } },
  async run(values) {
    const out = required(values, 'out');
    const pub = optional(values, 'pub');
    refuseOverwrite([out, pub], values.force === true);
    const keys = sm2GenerateKeyPair();
    writeSecretFile(out, sm2PrivateKeyToPem(keys.privateKey));
    if (pub) writeOutput(pub, sm2PublicKeyToPem(keys.publicKey));
    process.stderr.write(`已生成 SM2 密钥对：私钥 ${out}${pub ? `，公钥 ${pub}` : ''}\n`);
    return 0;
  },
};

const ID_USAGE = `  --id USERID 签名者标识（默认 ${DEFAULT_USER_ID}，对应 openssl -pkeyopt distid:USERID）`;

export const signCommand: Command = {
  name: 'sign',
  summary: 'SM2 签名（DER，同 openssl pkeyutl -sign -rawin -digest sm3）',
  usage: `gm sign --key key.pem --in FILE --out SIG [--id USERID]\n  --key FILE  SM2 私钥（PEM/DER）\n  --in FILE   待签名文件\n  --out FILE  签名输出（DER）\n${ID_USAGE}`,
  options: { key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' }, id: { type: 'string' } },
  async run(values) {
    const keyFile = required(values, 'key');
    const input = required(values, 'in');
    const out = required(values, 'out');
    const privateKey = readPrivateKeyFile(keyFile);
    const signature = sm2Sign(
      await readInput(input),
      { privateKey, publicKey: sm2PublicKeyOf(privateKey) },
      { userId: optional(values, 'id') ?? DEFAULT_USER_ID },
    );
    writeOutput(out, signature);
    return 0;
  },
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'SM2 验签：有效退出码 0，无效 1',
  usage: `gm verify --pub pub.pem --in FILE --sig SIG [--id USERID]\n  --pub FILE  SM2 公钥（PEM/DER，或私钥文件）\n  --in FILE   被签名的文件\n  --sig FILE  签名（DER）\n${ID_USAGE}`,
  options: { pub: { type: 'string' }, in: { type: 'string' }, sig: { type: 'string' }, id: { type: 'string' } },
  async run(values) {
    const pubFile = required(values, 'pub');
    const input = required(values, 'in');
    const sigFile = required(values, 'sig');
    const publicKey = readPublicKeyFile(pubFile);
    const valid = sm2Verify(await readInput(input), await readInput(sigFile), publicKey, { userId: optional(values, 'id') ?? DEFAULT_USER_ID });
    if (!valid) {
      process.stderr.write('签名无效：文件被篡改、签名损坏、公钥或签名者标识不符\n');
      return 1;
    }
    process.stdout.write('签名有效\n');
    return 0;
  },
};

export const encryptCommand: Command = {
  name: 'encrypt',
  summary: 'SM2 公钥加密（GM/T 0009 DER，同 openssl pkeyutl -encrypt）',
  usage: 'gm encrypt --pub pub.pem --in FILE --out CT\n  --pub FILE  接收方 SM2 公钥\n  --in FILE   明文\n  --out FILE  密文（DER）',
  options: { pub: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const pubFile = required(values, 'pub');
    const input = required(values, 'in');
    const out = required(values, 'out');
    writeOutput(out, sm2Encrypt(await readInput(input), readPublicKeyFile(pubFile)));
    return 0;
  },
};

export const decryptCommand: Command = {
  name: 'decrypt',
  summary: 'SM2 私钥解密（GM/T 0009 DER，同 openssl pkeyutl -decrypt）',
  usage: 'gm decrypt --key key.pem --in CT --out FILE\n  --key FILE  SM2 私钥\n  --in FILE   密文（DER）\n  --out FILE  明文输出',
  options: { key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const keyFile = required(values, 'key');
    const input = required(values, 'in');
    const out = required(values, 'out');
    writeOutput(out, sm2Decrypt(await readInput(input), readPrivateKeyFile(keyFile)));
    return 0;
  },
};
