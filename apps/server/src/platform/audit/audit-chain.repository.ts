import { desc, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../db/client.ts';
import { preparedSql } from '../db/prepared.ts';
import { auditChain, auditCheckpoints, type auditLog } from './audit.table.ts';

export type ChainLinkRow = typeof auditChain.$inferSelect;
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface ChainHead {
  previous: string;
  /** The chain is empty although rows written since chaining began exist (migration 0014's audit_chain_next). */
  restart: boolean;
  nextId: number;
  /** The further ids asked for, ascending, all after `nextId` (reserved under the chain lock, so in chain order). */
  moreIds: number[];
}

/** A link of the chain with what it binds of its audit row (absent when the row was deleted). */
export interface LinkWithRow {
  seq: number;
  auditId: number;
  link: string;
  rowMac: string | null;
  action: string | null;
  present: boolean;
}

/** The chain head with `more` further ids (`auditChainRepository.head`), prepared: every audit group runs it. */
const headStatement = preparedSql<{ previous: string; restart: boolean; next_id: string | number; more_ids: (string | number)[] }>(
  'audit_chain_head',
  sql`select h.previous, h.restart, h.next_id,
             array(select nextval(pg_get_serial_sequence('audit_log', 'id')) from generate_series(1, ${sql.placeholder('more')}::int)
                   where h.next_id is not null order by 1) as more_ids
      from audit_chain_next() h`,
);

const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}[]`;
/**
 * Rows and their links (`auditChainRepository.appendMany`), prepared: one array parameter per column, so the text is
 * the same for any number of rows.
 */
const appendStatement = preparedSql(
  'audit_chain_append',
  sql`with written as (
        insert into audit_log (id, ts, user_id, username, department_id, department_name, roles, ip, user_agent, action,
                               target_type, target_id, result, reason, error_code, details, request_id, row_mac)
        overriding system value
        select id, ts, user_id, username, department_id, department_name, roles, ip, user_agent, action,
               target_type, target_id, result, reason, error_code, details::jsonb, request_id, row_mac
        from unnest(${p('id', 'bigint')}, ${p('ts', 'timestamptz')}, ${p('userId', 'integer')}, ${p('username', 'text')},
                    ${p('departmentId', 'integer')}, ${p('departmentName', 'text')}, ${p('roles', 'text')}, ${p('ip', 'text')},
                    ${p('userAgent', 'text')}, ${p('action', 'text')}, ${p('targetType', 'text')}, ${p('targetId', 'text')},
                    ${p('result', 'text')}, ${p('reason', 'text')}, ${p('errorCode', 'text')}, ${p('details', 'text')},
                    ${p('requestId', 'text')}, ${p('rowMac', 'text')})
             as r(id, ts, user_id, username, department_id, department_name, roles, ip, user_agent, action,
                  target_type, target_id, result, reason, error_code, details, request_id, row_mac)
      )
      insert into audit_chain (audit_id, link)
      select audit_id, link from unnest(${p('id', 'bigint')}, ${p('link', 'text')}) with ordinality as l(audit_id, link, n)
      order by n`,
);

/** All SQL of the audit chain (C2) and of its signed checkpoints. */
export const auditChainRepository = {
  /**
   * Takes the chain lock (held until the transaction ends) and reads the head; see audit_chain_next() in migration 0014.
   * With `more`, reserves that many further ids in the same round trip (a group of records): the subquery refers to
   * the head's row, so it runs after audit_chain_next() has taken the lock and its id.
   */
  async head(tx: Tx, more = 0): Promise<ChainHead> {
    const [head] = await headStatement(tx, { more });
    return { previous: head!.previous, restart: head!.restart, nextId: Number(head!.next_id), moreIds: head!.more_ids.map(Number) };
  },

  /**
   * Inserts the row with its MAC under the id the head reserved, and its link, in one statement (a row an outside
   * trigger swallowed still leaves its link, which the integrity check then reports as deleted).
   */
  async append(tx: Tx, row: Omit<typeof auditLog.$inferInsert, 'id'>, id: number, link: string): Promise<void> {
    await auditChainRepository.appendMany(tx, [{ ...row, id, link }]);
  },

  /**
   * Several rows with their MACs under reserved ids, and their links in the given order, in one statement. The text is
   * the same for any number of rows (one array parameter per column): building a multi-row insert in the ORM was
   * a tenth of the server's CPU under read load (N1), and the statement is parsed the same way every time.
   */
  async appendMany(tx: Tx, rows: (Omit<typeof auditLog.$inferInsert, 'id'> & { id: number; link: string })[]): Promise<void> {
    const column = <T>(value: (r: (typeof rows)[number]) => T) => rows.map(value);
    await appendStatement(tx, {
      id: column((r) => r.id),
      ts: column((r) => (r.ts ?? new Date()).toISOString()),
      userId: column((r) => r.userId ?? null),
      username: column((r) => r.username ?? null),
      departmentId: column((r) => r.departmentId ?? null),
      departmentName: column((r) => r.departmentName ?? null),
      roles: column((r) => r.roles ?? null),
      ip: column((r) => r.ip),
      userAgent: column((r) => r.userAgent ?? null),
      action: column((r) => r.action),
      targetType: column((r) => r.targetType ?? null),
      targetId: column((r) => r.targetId ?? null),
      result: column((r) => r.result),
      reason: column((r) => r.reason ?? null),
      errorCode: column((r) => r.errorCode ?? null),
      details: column((r) => (r.details == null ? null : JSON.stringify(r.details))),
      requestId: column((r) => r.requestId ?? null),
      rowMac: column((r) => r.rowMac ?? null),
      link: column((r) => r.link),
    });
  },

  /** Links after `afterSeq` in chain order, each with its row's MAC and action. */
  async linksAfter(db: DbOrTx, afterSeq: number, limit: number): Promise<LinkWithRow[]> {
    const rows = await queryRows<{
      seq: number | string;
      audit_id: number | string;
      link: string;
      row_mac: string | null;
      action: string | null;
      present: boolean;
    }>(
      db,
      sql`select c.seq, c.audit_id, c.link, a.row_mac, a.action, a.id is not null as present
          from audit_chain c left join audit_log a on a.id = c.audit_id
          where c.seq > ${afterSeq} order by c.seq limit ${limit}`,
    );
    return rows.map((r) => ({ seq: Number(r.seq), auditId: Number(r.audit_id), link: r.link, rowMac: r.row_mac, action: r.action, present: r.present }));
  },

  /** Audit rows written since chaining at insert began that have no link. */
  async unchainedIds(db: DbOrTx, limit: number): Promise<number[]> {
    const rows = await queryRows<{ id: number | string }>(
      db,
      sql`select a.id from audit_log a
          where a.id > (select coalesce(min(legacy_max_id), 0) from audit_chain_origin)
            and not exists (select 1 from audit_chain c where c.audit_id = a.id) order by a.id limit ${limit}`,
    );
    return rows.map((r) => Number(r.id));
  },

  async newestLink(db: DbOrTx): Promise<ChainLinkRow | undefined> {
    const [head] = await db.select().from(auditChain).orderBy(desc(auditChain.seq)).limit(1);
    return head;
  },

  async linksAt(db: DbOrTx, seqs: number[]): Promise<ChainLinkRow[]> {
    return db.select().from(auditChain).where(inArray(auditChain.seq, seqs));
  },

  async newestCheckpoint(db: DbOrTx): Promise<CheckpointRow | undefined> {
    const [newest] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
    return newest;
  },

  /** False when another instance stored a checkpoint of this head first. */
  async insertCheckpoint(db: DbOrTx, checkpoint: CheckpointRow): Promise<boolean> {
    const written = await db.insert(auditCheckpoints).values(checkpoint).onConflictDoNothing().returning({ seq: auditCheckpoints.seq });
    return written.length > 0;
  },

  async checkpointsAt(db: DbOrTx, seqs: number[]): Promise<{ seq: number; link: string }[]> {
    return db.select({ seq: auditCheckpoints.seq, link: auditCheckpoints.link }).from(auditCheckpoints).where(inArray(auditCheckpoints.seq, seqs));
  },

  /** Checkpoints whose link no longer stands at their position in the chain (cut, restarted or rewritten). */
  async movedCheckpoints(db: DbOrTx, limit: number): Promise<number[]> {
    const rows = await queryRows<{ seq: string | number }>(
      db,
      sql`select k.seq from audit_checkpoints k left join audit_chain c on c.seq = k.seq
          where c.seq is null or c.link <> k.link or c.audit_id <> k.audit_id order by k.seq limit ${limit}`,
    );
    return rows.map((r) => Number(r.seq));
  },
};
