export * from './demo-accounts.ts';
export * from './real-server.ts';
