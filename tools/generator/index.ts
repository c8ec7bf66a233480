export * from './person.ts';
export * from './rng.ts';
export * from './shanghai.ts';
