import { Suspense } from 'react';
import { NodeView } from '@/components/node/node-view';
import { orNotFound, serverCaller } from '../../server-lookup';

export const dynamic = 'force-dynamic';

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: decode((await params).name) };
}

export default async function NodePage({ params }: { params: Promise<{ name: string }> }) {
  const name = decode((await params).name);
  // Checked before streaming starts, so the status line can still say 404; only the existence,
  // since the page fetches the node's detail from the browser (a full node.get here doubled it).
  await orNotFound((await serverCaller()).node.exists({ name }));
  return (
    <Suspense fallback={<div className="panel loading">Loading {name}…</div>}>
      <NodeView name={name} />
    </Suspense>
  );
}
