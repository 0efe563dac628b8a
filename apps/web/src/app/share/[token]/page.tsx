import { appRouter, createContext } from '@nodescope/api';
import { TRPCError } from '@trpc/server';
import { SharedIncidentView } from '@/components/incidents/shared-incident-view';

export const metadata = { title: 'Shared incident', robots: { index: false } };
export const dynamic = 'force-dynamic';

/**
 * The one page open without sign-in: the token is checked on every request by the server.
 * Rendered with the incident, so the link is readable on first paint; an invalid, expired or
 * revoked token renders the same refusal the client would.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let initial: Awaited<ReturnType<ReturnType<typeof appRouter.createCaller>['incidents']['shared']>> | null =
    null;
  try {
    if (token.length >= 10 && token.length <= 200)
      initial = await appRouter.createCaller(createContext(null)).incidents.shared({ token });
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
  }
  return <SharedIncidentView token={token} initial={initial} />;
}
