import { isRecordId } from '@nodescope/core';
import { Suspense } from 'react';
import { SnapshotView } from '@/components/snapshot/snapshot-view';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Snapshot ${(await params).id}` };
}

export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isRecordId(id))
    return <div className="panel error-box">Snapshot ids are numbers; “{id}” is not one.</div>;
  return (
    <Suspense fallback={<div className="panel loading">Loading snapshot {id}…</div>}>
      <SnapshotView id={id} />
    </Suspense>
  );
}
