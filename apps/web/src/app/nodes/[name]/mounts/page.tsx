import { MountsView } from '@/components/mounts/mounts-view';
import { mountGraphInput, parseMountParams } from '@/components/mounts/mount-params';
import { serverCaller } from '../../../server-lookup';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `Mounts · ${decodeURIComponent((await params).name)}` };
}

type Search = Record<string, string | string[] | undefined>;

/**
 * Server-rendered with the graph of the URL it was asked for, so the cards arrive with the page
 * instead of after hydration and a second round trip. When that fails (no snapshot yet, bad
 * parameters) the client asks again and shows the error where the graph would be.
 */
export default async function MountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Search>;
}) {
  const name = decodeURIComponent((await params).name);
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) sp.set(k, first);
  }
  const input = mountGraphInput(name, parseMountParams(sp));
  const data = await (await serverCaller()).mounts.graph(input).catch(() => undefined);
  return <MountsView name={name} {...(data ? { initial: { key: JSON.stringify(input), data } } : {})} />;
}
