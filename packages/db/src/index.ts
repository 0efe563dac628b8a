export * from './bootstrap.ts';
export * from './client.ts';
export * from './embedded-postgres.ts';
export * from './migrate.ts';
export * from './queries/fleet.ts';
export * from './queries/nodes.ts';
export * from './queries/store-snapshot.ts';
export * from './queries/views/index.ts';
