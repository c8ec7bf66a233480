export * from './area-code.ts';
export * from './id-number.ts';
export * from './invoice.ts';
export * from './phone.ts';
export * from './plate.ts';
export * from './uscc.ts';
export * from './vin.ts';
export * from './zod.ts';
