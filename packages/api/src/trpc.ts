import { getPrisma, type PrismaClient } from '@nodescope/db';
import { initTRPC } from '@trpc/server';

export interface Context {
  prisma: PrismaClient;
}

/** DATABASE_URL is read per request: the server sets it after starting the database. */
export function createContext(): Context {
  return { prisma: getPrisma() };
}

const t = initTRPC.context<Context>().create();

export const router = t.router;
export const publicProcedure = t.procedure;
