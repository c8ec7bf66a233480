export * from './aead.ts';
export * from './sm2.ts';
export * from './sm2-keys.ts';
export * from './sm3.ts';
