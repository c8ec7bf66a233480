export * from './factories/departments.ts';
export * from './factories/documents.ts';
export * from './factories/users.ts';
export * from './factories/vehicles.ts';
export * from './generator/index.ts';
