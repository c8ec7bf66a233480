/** @shtp/core/exchange — the 数据交换 module (G11–G13): package schemas, permission and error codes. */
export * from './exchange.errors.ts';
export * from './exchange.permissions.ts';
export * from './exchange.ts';
