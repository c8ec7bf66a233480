export * from './sm3.ts';
