import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { audit } from '../../src/platform/audit/audit.ts';
import { archiveAuditLog } from '../../src/platform/audit/audit-archive.job.ts';
import { type Checkpoint, writeCheckpoint } from '../../src/platform/audit/audit-checkpoint.ts';
import type { Finding } from '../../src/platform/audit/audit-finding.ts';
import { auditIntegrityOptions, verifyAuditIntegrity } from '../../src/platform/audit/audit-integrity.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { adminTestApp, loginFresh } from '../test-app.ts';

const t = adminTestApp();

const db = () => t.ctx.database.db;
const options = () => auditIntegrityOptions(t.ctx.platform.config.dataDir, t.ctx.platform.keys, t.ctx.platform.signer);
const verify = () => verifyAuditIntegrity(db(), options());
const checkpoint = (log?: { info(obj: object, msg: string): void }) => writeCheckpoint(db(), t.ctx.platform.signer, options().anchorDir, log);
const kindsOf = (findings: Finding[], target: string, id: number | string) =>
  findings.filter((f) => f.target === target && f.id === String(id)).map((f) => f.kind);

/**
 * What an intruder with the owner's database account does: switch a guard off, change, switch it on. (The
 * application's own role cannot: database-roles.test.ts.)
 */
async function bypassing(guards: [table: string, trigger: string][], ...statements: ReturnType<typeof sql>[]) {
  for (const [table, trigger] of guards) await db().execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    for (const s of statements) await db().execute(s);
  } finally {
    for (const [table, trigger] of guards) await db().execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  }
}
const LOG_GUARD: [string, string] = ['audit_log', 'audit_log_no_update'];
const CHAIN_GUARD: [string, string] = ['audit_chain', 'audit_chain_immutable'];

/** A dict type created through the API: one audited change; returns the id of its audit record. */
let dictTypes = 0;
async function auditedChange(): Promise<number> {
  const code = `c2_${++dictTypes}`;
  const res = await t.ctx.app.inject({ method: 'POST', url: '/api/system/dict/types', headers: t.sys.headers, payload: { code, name: `校验${dictTypes}` } });
  expect(res.statusCode, res.body).toBe(200);
  const [row] = await queryRows<{ id: number }>(db(), sql`select id::int as id from audit_log where action = 'dict.type.create' and target_id = ${code}`);
  return row!.id;
}
const chainSeqOf = async (auditId: number) =>
  (await queryRows<{ seq: number }>(db(), sql`select seq::int as seq from audit_chain where audit_id = ${auditId}`))[0]?.seq;

describe('audit integrity (C2, DI-1)', () => {
  it('DI-1: every record is chained in the transaction that writes it, and a log written by the application verifies clean', async () => {
    const id = await auditedChange();
    expect(await chainSeqOf(id)).toBeGreaterThan(0); // no sealer has run: there is no unsealed window
    const unchained = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_log a where not exists (select 1 from audit_chain c where c.audit_id = a.id)`,
    );
    expect(unchained[0]!.n).toBe(0);
    const { checked, findings } = await verify();
    expect(checked).toBeGreaterThan(3);
    expect(findings).toEqual([]);
  });

  it('DI-1: records written in parallel form one unbroken chain, in id order', async () => {
    const ids = await Promise.all(Array.from({ length: 16 }, () => auditedChange()));
    const chain = await queryRows<{ audit_id: number }>(db(), sql`select audit_id::int from audit_chain order by seq`);
    expect(chain.map((c) => c.audit_id)).toEqual([...chain.map((c) => c.audit_id)].sort((a, b) => a - b));
    expect(chain.map((c) => c.audit_id)).toEqual(expect.arrayContaining(ids));
    expect((await verify()).findings).toEqual([]);
  });

  it('DI-1: reads audited at the same moment commit as one group, chained in order, each before its caller goes on', async () => {
    const actor = systemActor(null, 'group-commit');
    const reads = Array.from({ length: 40 }, (_, i) =>
      audit(db(), actor, { action: 'ebike.query', targetType: 'nm_vehicle', details: { n: i } }).then(async () => {
        // Once the promise settles the record is committed and chained.
        const [row] = await queryRows<{ linked: boolean }>(
          db(),
          sql`select exists (select 1 from audit_chain c where c.audit_id = a.id) as linked from audit_log a
              where a.request_id = 'group-commit' and a.details->>'n' = ${String(i)}`,
        );
        return row?.linked;
      }),
    );
    expect(await Promise.all(reads)).toEqual(Array(40).fill(true));
    const [tx] = await queryRows<{ n: number }>(db(), sql`select count(distinct xmin::text)::int as n from audit_log where request_id = 'group-commit'`);
    expect(tx!.n).toBeLessThan(10); // grouped: far fewer transactions than records
    expect((await verify()).findings).toEqual([]);
  });

  it('DI-1: a record that cannot be written fails only its own read, not the others of its group', async () => {
    const actor = systemActor(null, 'group-failure');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        // A BigInt cannot be serialised: that record fails however it is written.
        audit(db(), actor, { action: 'ebike.query', details: i === 3 ? { bad: BigInt(1) } : { n: i } }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const [written] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where request_id = 'group-failure'`);
    expect(written!.n).toBe(5);
    expect((await verify()).findings).toEqual([]);
  });

  it('DI-1: names a row changed in the database, a row inserted outside the application and a row deleted', async () => {
    const target = await auditedChange();
    const victim = await auditedChange();
    await bypassing([LOG_GUARD], sql`update audit_log set username = 'someone_else' where id = ${target}`, sql`delete from audit_log where id = ${victim}`);
    const [forged] = await queryRows<{ id: number }>(
      db(),
      sql`insert into audit_log (ip, action, result) values ('10.0.0.9', 'user.delete', 'success') returning id::int as id`,
    );

    const { findings } = await verify();
    expect(kindsOf(findings, 'audit_log', target)).toContain('modified');
    expect(findings.find((f) => f.id === String(target))!.message).toMatch(/被修改/);
    expect(kindsOf(findings, 'audit_log', victim)).toEqual(['deleted']);
    expect(kindsOf(findings, 'audit_log', forged!.id)).toEqual(['modified', 'unsealed']);
  });

  it('DI-1: a record deleted together with its chain link right after it was written breaks the chain at the next record', async () => {
    const victim = await auditedChange();
    const next = await auditedChange();
    await bypassing([LOG_GUARD, CHAIN_GUARD], sql`delete from audit_log where id = ${victim}`, sql`delete from audit_chain where audit_id = ${victim}`);

    const { findings } = await verify();
    expect(kindsOf(findings, 'audit_chain', (await chainSeqOf(next))!)).toEqual(['chain_broken']);
  });

  it('DI-1: the newest record deleted with its chain link is reported against the signed checkpoint, kept in and outside the database', async () => {
    const lines: object[] = [];
    const newest = await auditedChange();
    const anchored = (await checkpoint({ info: (obj) => lines.push(obj) })) as Checkpoint;
    expect(anchored.auditId).toBe(newest);
    expect(await checkpoint()).toBeNull(); // the head has not moved
    expect(lines).toEqual([{ auditCheckpoint: anchored }]);
    const files = readdirSync(options().anchorDir);
    const fileLines = readFileSync(path.join(options().anchorDir, files[0]!), 'utf8').trim().split('\n');
    expect(JSON.parse(fileLines.at(-1)!)).toEqual(anchored);
    expect((await verify()).findings.filter((f) => f.target === 'audit_chain' && f.id === String(anchored.seq))).toEqual([]);

    await bypassing([LOG_GUARD, CHAIN_GUARD], sql`delete from audit_log where id = ${newest}`, sql`delete from audit_chain where audit_id = ${newest}`);
    let { findings } = await verify();
    expect(kindsOf(findings, 'audit_chain', anchored.seq)).toEqual(['chain_broken']);
    expect(findings.find((f) => f.id === String(anchored.seq))!.message).toMatch(/签名检查点/);

    // Deleting the checkpoint from the database as well: the anchor file outside it still tells.
    await bypassing([['audit_checkpoints', 'audit_checkpoints_immutable']], sql`delete from audit_checkpoints where seq = ${anchored.seq}`);
    ({ findings } = await verify());
    expect(kindsOf(findings, 'audit_chain', anchored.seq)).toEqual(['chain_broken']);
    expect(kindsOf(findings, 'audit_checkpoints', anchored.seq)).toEqual(['deleted']);
  });

  it('DI-1: a genuine archive accounts for the rows it moved; a forged archive range hiding deleted rows, and a changed archive file, are reported', async () => {
    const archived = [await auditedChange(), await auditedChange()];
    await bypassing([LOG_GUARD], sql`update audit_log set ts = now() - interval '200 days' where id in (${archived[0]}, ${archived[1]})`);
    const moved = await archiveAuditLog(db(), { dir: options().archiveDir, keys: t.ctx.platform.keys, retentionDays: 180, actor: systemActor() });
    expect(moved).toBe(2);
    let { findings } = await verify();
    for (const id of archived) expect(kindsOf(findings, 'audit_log', id)).toEqual([]);
    expect(findings.filter((f) => f.target === 'audit_archives')).toEqual([]);

    // What the application's role can do: insert an archive row over a range, then have the archive function delete
    // the (old) rows in it. The delete trigger trusts the range; the integrity check does not.
    const hidden = await auditedChange();
    await bypassing([LOG_GUARD], sql`update audit_log set ts = now() - interval '200 days' where id = ${hidden}`);
    const [forged] = await queryRows<{ id: number }>(
      db(),
      sql`insert into audit_archives (from_id, to_id, row_count, file, sm3) values (${hidden}, ${hidden}, 1, 'audit-forged.jsonl.gz', ${'0'.repeat(64)}) returning id`,
    );
    await db().execute(sql`select archive_audit_rows(${hidden}, ${hidden})`);
    const [file] = await queryRows<{ file: string; id: number }>(db(), sql`select id, file from audit_archives where mac is not null order by id limit 1`);
    appendFileSync(path.join(options().archiveDir, file!.file), 'x');

    ({ findings } = await verify());
    expect(kindsOf(findings, 'audit_archives', forged!.id)).toEqual(['modified']);
    expect(kindsOf(findings, 'audit_log', hidden)).toEqual(['deleted']);
    expect(kindsOf(findings, 'audit_archives', file!.id)).toEqual(['modified']);
    expect(findings.find((f) => f.target === 'audit_archives' && f.id === String(file!.id))!.message).toMatch(/SM3/);
  });

  it('AU-3: TRUNCATE is refused on every append-only table, whoever asks', async () => {
    const guarded = await queryRows<{ table: string }>(
      db(),
      sql`select tgrelid::regclass::text as table from pg_trigger where tgfoid = 'refuse_truncate'::regproc order by 1`,
    );
    expect(guarded.map((g) => g.table)).toEqual([
      'audit_archives',
      'audit_chain',
      'audit_chain_origin',
      'audit_checkpoints',
      'audit_log',
      'ebike_businesses',
      'integrity_reports',
    ]);
    // CASCADE: a table other tables reference (ebike_businesses) would otherwise be refused by its foreign keys
    // before its own trigger runs — the trigger must refuse even where nothing else does.
    for (const { table } of guarded) {
      await expect(db().execute(sql.raw(`truncate ${table} cascade`)), table).rejects.toThrow();
      const err = await db()
        .execute(sql.raw(`truncate ${table} cascade`))
        .catch((e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
      expect(err).toMatch(new RegExp(`${table} is append-only: TRUNCATE refused`));
    }
  });

  it('the audit admin reads the reports and starts a verification; the system admin cannot', async () => {
    const start = await t.ctx.app.inject({ method: 'POST', url: '/api/audit/integrity/verify', headers: t.aud.headers });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json().queue).toBe('integrity-verify');
    await t.ctx.platform.jobs.drain();
    const reports = await t.ctx.app.inject({ method: 'GET', url: '/api/audit/integrity', headers: t.aud.headers });
    const kinds = new Set(reports.json()[0].findings.map((f: Finding) => f.kind));
    expect([...kinds].sort()).toEqual(['chain_broken', 'deleted', 'modified', 'unsealed']);
    expect((await t.ctx.app.inject({ method: 'GET', url: '/api/audit/integrity', headers: t.sys.headers })).statusCode).toBe(403);
  });

  // Last: it empties the chain.
  it('DI-1: a chain emptied by the database owner is never rebuilt over what is left: the next record restarts it loudly, and the check reports it', async () => {
    const anchored = (await checkpoint()) as Checkpoint;
    await bypassing([['audit_chain', 'audit_chain_no_truncate']], sql`truncate audit_chain`);

    const after = await auditedChange(); // the system keeps working
    const chain = await queryRows<{ action: string; audit_id: number }>(
      db(),
      sql`select a.action, c.audit_id::int from audit_chain c join audit_log a on a.id = c.audit_id order by c.seq`,
    );
    expect(chain.map((c) => c.action)).toEqual(['audit.chain.restart', 'dict.type.create']);
    expect(chain[1]!.audit_id).toBe(after);

    const { findings } = await verify();
    expect(kindsOf(findings, 'audit_chain', anchored.seq)).toEqual(['chain_broken']);
    const restart = findings.filter((f) => f.kind === 'chain_broken' && /重新起链/.test(f.message));
    expect(restart).toHaveLength(1);
    // Every row that was chained before stays outside the new chain, and is reported.
    const earlier = await queryRows<{ id: number }>(db(), sql`select id::int as id from audit_log where id < ${chain[0]!.audit_id} order by id`);
    expect(earlier.length).toBeGreaterThan(5);
    expect(findings.filter((f) => f.kind === 'unsealed').map((f) => Number(f.id))).toEqual(earlier.map((r) => r.id));
  });
});

describe('access-control integrity (C2)', () => {
  it('records changed through the application verify clean', async () => {
    const grant = await t.ctx.app.inject({ method: 'GET', url: '/api/system/users?keyword=officer01', headers: t.sys.headers });
    const officer = grant.json().items[0];
    await t.ctx.app.inject({
      method: 'PUT',
      url: `/api/system/users/${officer.id}`,
      headers: t.sys.headers,
      payload: { displayName: '改名', policeNo: null, departmentId: officer.departmentId, expiresAt: null, status: 'active', version: officer.version },
    });
    const { findings } = await t.ctx.platform.integrity.verify(db());
    expect(findings).toEqual([]);
  });

  it('names a user, a grant, a role permission and a parameter changed in the database, and a deleted record', async () => {
    const [u] = await queryRows<{ id: number }>(db(), sql`select id from users where username = 'road01'`);
    const [officer] = await queryRows<{ id: number }>(db(), sql`select id from users where username = 'officer01'`);
    const [sysRole] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'sysadmin'`);
    const [win] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'window_officer'`);
    await db().execute(sql`update users set status = 'active', password_hash = 'x' where id = ${u!.id}`);
    await db().execute(sql`insert into role_permissions (role_id, permission) values (${sysRole!.id}, 'audit:log:list')`);
    await db().execute(sql`insert into user_roles (user_id, role_id) values (${officer!.id}, ${win!.id}) on conflict do nothing`);
    await db().execute(sql`delete from user_roles where user_id = ${officer!.id}`);
    await db().execute(sql`insert into system_parameters (key, value) values ('auth.lockout.maxFailures', '20') on conflict (key) do update set value = '20'`);
    const sec = await loginFresh(t.ctx, 'secadmin');
    const set = await t.ctx.app.inject({ method: 'PUT', url: '/api/system/params/auth.lockout.lockMinutes', headers: sec.headers, payload: { value: 45 } });
    expect(set.statusCode, set.body).toBe(200);
    await db().execute(sql`delete from system_parameters where key = 'auth.lockout.lockMinutes'`);
    const [extra] = await queryRows<{ id: number }>(db(), sql`select id from roles where code = 'supervisor'`);
    await db().execute(sql`delete from record_macs where kind = 'role' and record_id = ${String(extra!.id)}`);

    const { findings } = await t.ctx.platform.integrity.verify(db());
    const found = (target: string, id: string | number) => findings.some((f) => f.target === target && f.id === String(id));
    expect(found('user', u!.id)).toBe(true);
    expect(found('user', officer!.id)).toBe(true); // its grants changed
    expect(found('role', sysRole!.id)).toBe(true);
    expect(found('param', 'auth.lockout.maxFailures')).toBe(true);
    expect(found('role', extra!.id)).toBe(true); // MAC removed: as if inserted outside the application
    expect(findings.find((f) => f.target === 'param' && f.id === 'auth.lockout.lockMinutes')?.kind).toBe('deleted');
    expect(findings.every((f) => f.message.length > 0)).toBe(true);
  });
});
