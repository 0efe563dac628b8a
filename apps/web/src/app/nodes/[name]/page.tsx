import { Suspense } from 'react';
import { NodeView } from '@/components/node/node-view';

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
  return (
    <Suspense fallback={<div className="panel loading">Loading {name}…</div>}>
      <NodeView name={name} />
    </Suspense>
  );
}
