import { Age } from './time';

export const STATE_LABELS: Record<string, string> = {
  ok: 'OK',
  partial: 'Partial',
  unreachable: 'Unreachable',
  auth: 'Auth failed',
  'host-key-unknown': 'Host key unknown',
  'host-key-changed': 'Host key changed',
  error: 'Error',
  never: 'Never collected',
  stale: 'Stale',
};

const BAD = new Set(['unreachable', 'auth', 'host-key-unknown', 'host-key-changed', 'error']);

export function stateTone(state: string | null, stale: boolean): 'bad' | 'warn' | 'ok' {
  if (state && BAD.has(state)) return 'bad';
  if (state === 'partial' || stale || !state) return 'warn';
  return 'ok';
}

/** Collection state with its error text on hover, and the age of the last snapshot. */
export function CollectionState({
  state,
  error,
  stale,
  lastSnapshotAt,
  compact = false,
}: {
  state: string | null;
  error: string | null;
  stale: boolean;
  lastSnapshotAt: string | null;
  compact?: boolean;
}) {
  const tone = stateTone(state, stale);
  const label = STATE_LABELS[state ?? 'never'] ?? state ?? 'Never collected';
  const icon = tone === 'bad' ? '✕' : tone === 'warn' ? '!' : '✓';
  // A working collection is best described by how fresh it is; a broken one by what broke.
  const showAge = state === 'ok' && !compact;
  return (
    <span
      className={`state state-${tone}`}
      title={error ?? (stale ? 'No snapshot for three collection intervals' : undefined)}
      data-state={state ?? 'never'}
    >
      <span aria-hidden="true">{icon}</span>
      {showAge ? <Age value={lastSnapshotAt} className={stale ? undefined : 'muted'} /> : label}
      {stale && tone !== 'bad' && state ? <span className="badge sev-warning">stale</span> : null}
    </span>
  );
}
