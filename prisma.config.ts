import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// Prisma's CLI runs offline here only with its JavaScript/WebAssembly schema engine: the
// native engine it would otherwise download is unreachable. Runtime migrations are applied
// by packages/db itself (see packages/db/src/migrate.ts); this config serves `prisma generate`
// and authoring new migrations with `prisma migrate diff`.
// The schema reads DATABASE_URL; generate and diff need no server, so any URL will do for them.
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/nodescope';
const url = new URL(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Separate fields, not a connection string: with a string the shadow database
  // silently points at the main one.
  adapter: async () =>
    new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      allowExitOnIdle: true,
    }),
});
