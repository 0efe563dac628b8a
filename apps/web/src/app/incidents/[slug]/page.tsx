import { appRouter, createContext } from '@nodescope/api';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { IncidentView } from '@/components/incidents/incident-view';
import { requestActor } from '../request-actor';

export const dynamic = 'force-dynamic';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,110}[a-z0-9])?$/;

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: (await params).slug };
}

/**
 * Server-rendered with its pinned evidence, so a shared permalink is ready on first paint; 404
 * for an unknown slug. No Suspense boundary: the data is already here, and a boundary would
 * stream the page as a hidden fragment that React reveals only on a later frame.
 */
export default async function IncidentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!SLUG.test(slug)) notFound();
  let initial: Awaited<ReturnType<ReturnType<typeof appRouter.createCaller>['incidents']['get']>>;
  try {
    initial = await appRouter.createCaller(createContext(await requestActor())).incidents.get({ slug });
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
  return <IncidentView slug={slug} initial={initial} />;
}
