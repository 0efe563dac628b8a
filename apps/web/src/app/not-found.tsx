import Link from 'next/link';

/** HTTP 404 page: unknown address, node, snapshot or incident. */
export default function NotFound() {
  return (
    <div className="panel empty" data-testid="not-found">
      <h2>Not found</h2>
      <p className="muted">
        No node, snapshot or incident lives at this address: it may have been removed from the inventory or
        pruned by retention. <Link href="/">Back to the fleet</Link>
      </p>
    </div>
  );
}
