/** @shtp/core/archive — the 非机动车档案影像 module: document types, default catalogue, API schemas, permission and error codes. */
export * from './archive.errors.ts';
export * from './archive.permissions.ts';
export * from './archive.ts';
