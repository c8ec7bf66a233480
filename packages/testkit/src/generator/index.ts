export * from './names.ts';
export * from './organisation.ts';
export * from './person.ts';
export * from './rng.ts';
export * from './roads.ts';
export * from './shanghai.ts';
export * from './temp-plates.ts';
export * from './vehicle-ids.ts';
