'use client';
import { useEffect, useState } from 'react';
import { formatAge, formatLocal, formatUtc } from '@/lib/format';

/** A time in the viewer's zone; UTC on hover. Rendered after mount so server and client agree. */
export function Time({ value, seconds = false }: { value: string | null | undefined; seconds?: boolean }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => setText(formatLocal(value, seconds)), [value, seconds]);
  if (!value) return <span className="faint">—</span>;
  return (
    <time dateTime={value} title={formatUtc(value)} suppressHydrationWarning>
      {text ?? formatUtc(value)}
    </time>
  );
}

/** "5m ago", ticking; the absolute local time and UTC on hover. */
export function Age({ value, className }: { value: string | null | undefined; className?: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(t);
  }, []);
  if (!value) return <span className={className ?? 'faint'}>never</span>;
  return (
    <time
      dateTime={value}
      title={`${formatLocal(value, true)}\n${formatUtc(value)}`}
      className={className}
      suppressHydrationWarning
    >
      {now === null ? '' : formatAge(value, now)}
    </time>
  );
}
