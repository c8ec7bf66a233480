export * from './api/audit.ts';
export * from './api/auth.ts';
export * from './api/common.ts';
export * from './api/jobs.ts';
export * from './api/system.ts';
export * from './password-policy.ts';
export * from './permissions.ts';
export * from './validators/index.ts';
