/** @shtp/core/ebike — the 电动自行车 module: code tables, API schemas, permission and error codes. */

export * from './appointments.ts';
export * from './ebike.errors.ts';
export * from './ebike.permissions.ts';
export * from './ebike.ts';
export * from './preregistrations.ts';
