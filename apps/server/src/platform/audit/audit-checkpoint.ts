import { createReadStream } from 'node:fs';
import { mkdir, open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import type { RecordSigner } from '../signing/record-signer.ts';
import { auditChainRepository as repo } from './audit-chain.repository.ts';
import type { Finding } from './audit-finding.ts';

/** The record type of checkpoint signatures (RecordSigner, SM2 `record-sign` key). */
export const CHECKPOINT_TYPE = 'audit-checkpoint';

const CheckpointSchema = z.strictObject({
  seq: z.number().int().positive(),
  auditId: z.number().int().positive(),
  link: z.string(),
  signedAt: z.iso.datetime(),
  keyVersion: z.number().int().positive(),
  signature: z.string(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export interface AnchorLog {
  info(obj: object, msg: string): void;
}

const FILE_PATTERN = /^checkpoints-\d{4}-\d{2}\.jsonl$/;
const BATCH = 1000;

const signedFields = (c: Pick<Checkpoint, 'auditId' | 'link' | 'signedAt'>) => ({ auditId: c.auditId, link: c.link, signedAt: c.signedAt });

const verifySignature = (signer: RecordSigner, c: Checkpoint) => signer.verify(CHECKPOINT_TYPE, String(c.seq), signedFields(c), c.signature, c.keyVersion);

/** One file per month, appended to and flushed line by line. */
async function appendAnchor(dir: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `checkpoints-${checkpoint.signedAt.slice(0, 7)}.jsonl`);
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Signs the chain head if it has moved since the newest checkpoint, and keeps the checkpoint in three places: the
 * database, the anchor file under DATA_DIR/audit-anchors, and a log line. Returns it, or null when nothing moved.
 */
export async function writeCheckpoint(db: Db, signer: RecordSigner, dir: string, log?: AnchorLog): Promise<Checkpoint | null> {
  const head = await repo.newestLink(db);
  if (!head) return null;
  const newest = await repo.newestCheckpoint(db);
  if (newest && newest.seq >= head.seq) return null;
  const unsigned = { seq: head.seq, auditId: head.auditId, link: head.link, signedAt: new Date().toISOString() };
  const { signature, keyVersion } = signer.sign(CHECKPOINT_TYPE, String(unsigned.seq), signedFields(unsigned));
  const checkpoint: Checkpoint = { ...unsigned, keyVersion, signature };
  if (!(await repo.insertCheckpoint(db, { ...checkpoint, signedAt: new Date(checkpoint.signedAt) }))) return null; // another instance anchored this head
  // Only after the row committed: a line in the file always has its row, unless someone deleted the row.
  await appendAnchor(dir, checkpoint);
  log?.info({ auditCheckpoint: checkpoint }, '审计链检查点');
  return checkpoint;
}

/** The anchor file's lines, in order; an unreadable line is null. */
async function* anchorLines(dir: string): AsyncGenerator<{ where: string; checkpoint: Checkpoint | null; last: boolean }> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => FILE_PATTERN.test(f)).sort();
  for (const file of files) {
    let previous: { where: string; checkpoint: Checkpoint | null } | null = null;
    let n = 0;
    for await (const line of createInterface({ input: createReadStream(path.join(dir, file)), crlfDelay: Infinity })) {
      n++;
      if (line.trim() === '') continue;
      if (previous) yield { ...previous, last: false };
      let parsed: Checkpoint | null = null;
      try {
        parsed = CheckpointSchema.parse(JSON.parse(line));
      } catch {
        parsed = null;
      }
      previous = { where: `${file}:${n}`, checkpoint: parsed };
    }
    if (previous) yield { ...previous, last: true };
  }
}

const brokenAt = (seq: number): Finding => ({
  target: 'audit_chain',
  id: String(seq),
  kind: 'chain_broken',
  message: `审计链与序号 ${seq} 处的签名检查点不符：检查点所锚定的记录及其链接被删除，或审计链被截断、清空或改写`,
});

/**
 * Compares the chain with its checkpoints (C2): each checkpoint's link must still stand at its position, the
 * newest checkpoint of the database and of each anchor file must carry a valid SM2 signature, and every checkpoint
 * of the anchor files must still be in the database. (Every signature would take 5 ms each, a year of them hours.)
 */
export async function verifyCheckpoints(db: DbOrTx, signer: RecordSigner, dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const broken = new Set<number>();
  const reportBroken = (seq: number) => {
    if (!broken.has(seq)) findings.push(brokenAt(seq));
    broken.add(seq);
  };

  for (const seq of await repo.movedCheckpoints(db, BATCH)) reportBroken(seq);
  const newest = await repo.newestCheckpoint(db);
  if (newest && !(await verifySignature(signer, { ...newest, signedAt: newest.signedAt.toISOString() }))) {
    findings.push({
      target: 'audit_checkpoints',
      id: String(newest.seq),
      kind: 'modified',
      message: `审计链检查点 ${newest.seq} 的 SM2 签名无效：不是由本系统写入，或被修改`,
    });
  }

  let batch: Checkpoint[] = [];
  const checkBatch = async () => {
    if (batch.length === 0) return;
    const seqs = batch.map((c) => c.seq);
    const [links, stored] = await Promise.all([repo.linksAt(db, seqs), repo.checkpointsAt(db, seqs)]);
    const linkAt = new Map(links.map((l) => [l.seq, l]));
    const storedAt = new Map(stored.map((s) => [s.seq, s.link]));
    for (const c of batch) {
      const link = linkAt.get(c.seq);
      if (!link || link.link !== c.link || link.auditId !== c.auditId) reportBroken(c.seq);
      if (storedAt.get(c.seq) !== c.link) {
        findings.push({
          target: 'audit_checkpoints',
          id: String(c.seq),
          kind: 'deleted',
          message: `审计链检查点 ${c.seq} 已不在数据库中（数据库外的锚定文件仍有记录）：被删除或改写`,
        });
      }
    }
    batch = [];
  };
  for await (const { where, checkpoint, last } of anchorLines(dir)) {
    if (!checkpoint || (last && !(await verifySignature(signer, checkpoint)))) {
      findings.push({ target: 'audit_anchor', id: where, kind: 'modified', message: `审计链锚定文件 ${where} 的内容无法解析或签名无效：文件被改动` });
      continue;
    }
    batch.push(checkpoint);
    if (batch.length >= BATCH) await checkBatch();
  }
  await checkBatch();
  return findings;
}
