/** @shtp/core/payments — the 缴款 module (G10): permission and error codes, audit action names. */

export * from './driver-licence.ts';
export * from './payments.errors.ts';
export * from './payments.permissions.ts';
export * from './payments.ts';
