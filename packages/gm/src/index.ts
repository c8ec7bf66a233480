export * from './aead.ts';
export * from './sm3.ts';
