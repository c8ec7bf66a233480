/** @shtp/core/roadworks — the 道路施工 module: code tables, road-name normalisation, API schemas, permission and error codes. */
export * from './road-names.ts';
export * from './roadworks.errors.ts';
export * from './roadworks.permissions.ts';
export * from './roadworks.ts';
