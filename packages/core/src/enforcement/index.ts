/** @shtp/core/enforcement — the 交通执法II module: code tables, API schemas, permission and error codes. */
export * from './code-tables.ts';
export * from './enforcement.errors.ts';
export * from './enforcement.permissions.ts';
export * from './enforcement.ts';
export * from './ticket.ts';
