import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { env } from '@nodescope/config';

export type { PrismaClient } from './generated/prisma/client.ts';
export { Prisma } from './generated/prisma/client.ts';

const clients = new Map<string, PrismaClient>();

/**
 * The one Prisma client per database URL of this process. Kept on globalThis so that
 * Next.js dev reloads do not open a new pool each time.
 */
export function getPrisma(databaseUrl = requireDatabaseUrl()): PrismaClient {
  const g = globalThis as { __nodescopePrisma?: Map<string, PrismaClient> };
  const map = g.__nodescopePrisma ?? clients;
  g.__nodescopePrisma = map;
  let client = map.get(databaseUrl);
  if (!client) {
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      max: env('NODESCOPE_DB_POOL'),
    });
    client = new PrismaClient({ adapter });
    map.set(databaseUrl, client);
  }
  return client;
}

export async function disconnectAll(): Promise<void> {
  const g = globalThis as { __nodescopePrisma?: Map<string, PrismaClient> };
  const map = g.__nodescopePrisma ?? clients;
  await Promise.all([...map.values()].map((c) => c.$disconnect()));
  map.clear();
}

export function requireDatabaseUrl(): string {
  const url = env('DATABASE_URL');
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it to the embedded PostgreSQL).');
  return url;
}
