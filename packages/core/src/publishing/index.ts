/** @shtp/core/publishing — 信息发布 (G8, internet zone): permission codes, audit action names, API schemas. */
export * from './hub-cases.ts';
export * from './publishing.permissions.ts';
export * from './publishing.ts';
