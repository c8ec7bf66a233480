/** @shtp/core/validators — identifiers and shapes of the domain (ID numbers, phones, plates, USCC, VIN, invoices, GB/T 2260 areas, Shanghai's districts) and their zod fields. */
export * from './area-code.ts';
export * from './id-number.ts';
export * from './invoice.ts';
export * from './person-name.ts';
export * from './phone.ts';
export * from './plate.ts';
export * from './shanghai-districts.ts';
export * from './uscc.ts';
export * from './vin.ts';
export * from './zod.ts';
export * from './zod-chinese.ts';
