// `npm run db:roles -- --owner shtp_owner --app shtp_app --database shtp`: prints the SQL that creates the owner and
// application roles and the database (N6), as a psql script for a superuser to review and run.
import { parseArgs } from 'node:util';
import { databaseRolesSql, quoteIdent } from './database-roles.ts';

const { values } = parseArgs({
  options: {
    owner: { type: 'string', default: 'shtp_owner' },
    app: { type: 'string', default: 'shtp_app' },
    database: { type: 'string', default: 'shtp' },
  },
});
const names = { owner: values.owner, app: values.app, database: values.database };
const { cluster, database } = databaseRolesSql(names);
const lines = [
  '-- 以超级用户执行：psql -v ON_ERROR_STOP=1 -f <本文件>；之后设置口令：\\password 账户名',
  ...cluster.map((s) => `${s};`),
  `\\connect ${quoteIdent(names.database)}`,
  ...database.map((s) => `${s};`),
  `-- 属主账户 ${names.owner} 用于 MIGRATION_DATABASE_URL，应用账户 ${names.app} 用于 DATABASE_URL；表权限由迁移授予。`,
];
console.log(lines.join('\n'));
