/** @shtp/core/tempplate — the 机动车临牌查验 module: code tables, API schemas, permission and error codes. */
export * from './tempplate.errors.ts';
export * from './tempplate.permissions.ts';
export * from './tempplate.ts';
export * from './work-calendar.ts';
