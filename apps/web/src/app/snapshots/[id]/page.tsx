import { isRecordId } from '@nodescope/core';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { SnapshotView } from '@/components/snapshot/snapshot-view';
import { orNotFound, serverCaller } from '../../server-lookup';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Snapshot ${(await params).id}` };
}

export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isRecordId(id)) notFound();
  await orNotFound((await serverCaller()).snapshot.get({ id }));
  return (
    <Suspense fallback={<div className="panel loading">Loading snapshot {id}…</div>}>
      <SnapshotView id={id} />
    </Suspense>
  );
}
