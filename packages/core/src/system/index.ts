/** @shtp/core/system — the system module (系统管理): departments, users, roles, online sessions. */
export * from './system.errors.ts';
export * from './system.ts';
