'use client';

/** Last-resort boundary: a render error shows a message and a retry, not a blank page. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="panel error-box" role="alert">
      <h2>Something went wrong</h2>
      <p>{error.message}</p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
