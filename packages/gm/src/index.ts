export * from './envelope.ts';
export * from './errors.ts';
export * from './keys.ts';
export * from './release.ts';
export * from './release-files.ts';
export * from './sm2.ts';
export * from './sm3.ts';
export * from './sm4.ts';
