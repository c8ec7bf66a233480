export * from './sm3.ts';
export * from './aead.ts';
