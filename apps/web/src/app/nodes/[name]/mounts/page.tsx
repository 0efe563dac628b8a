import { Suspense } from 'react';
import { MountsView } from '@/components/mounts/mounts-view';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `Mounts · ${decodeURIComponent((await params).name)}` };
}

export default async function MountsPage({ params }: { params: Promise<{ name: string }> }) {
  const name = decodeURIComponent((await params).name);
  return (
    <Suspense fallback={<div className="panel loading">Loading…</div>}>
      <MountsView name={name} />
    </Suspense>
  );
}
