/** @shtp/core/platform — what the platform serves every module and the console shell: common API shapes, error codes, sign-in, access control, audit, jobs, keys, parameters, dictionaries, service accounts, terminals. */
export * from './actions.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './dict.ts';
export * from './error-codes.ts';
export * from './jobs.ts';
export * from './keys.ts';
export * from './params.ts';
export * from './password-policy.ts';
export * from './permissions.ts';
export * from './rbac.ts';
export * from './security-labels.ts';
export * from './service-accounts.ts';
export * from './signatures.ts';
export * from './sm2-key-file.ts';
export * from './transport.ts';
