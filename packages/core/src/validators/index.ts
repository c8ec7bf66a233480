export * from './id-number.ts';
