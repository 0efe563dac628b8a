import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="panel empty">
      <h2>Not found</h2>
      <p className="muted">
        Nothing lives at this address. <Link href="/">Back to the fleet</Link>
      </p>
    </div>
  );
}
