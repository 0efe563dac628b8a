import { Suspense } from 'react';
import { MountsPlaceholder } from '@/components/node/mounts-placeholder';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `Mounts · ${decodeURIComponent((await params).name)}` };
}

export default async function MountsPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  return (
    <Suspense fallback={<div className="panel loading">Loading…</div>}>
      <MountsPlaceholder name={name} />
    </Suspense>
  );
}
