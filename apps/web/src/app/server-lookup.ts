import { appRouter, createContext } from '@nodescope/api';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { requestActor } from './incidents/request-actor';

/** The tRPC caller of the signed-in user, for server components that must know a record exists. */
export async function serverCaller() {
  return appRouter.createCaller(createContext(await requestActor()));
}

/**
 * Runs a lookup on the server and answers HTTP 404 (the not-found page) when the procedure says
 * NOT_FOUND, so an unknown node or snapshot is a real 404 rather than a 200 with "Loading…".
 */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}
