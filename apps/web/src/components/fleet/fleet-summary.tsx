import { formatNumber } from '@/lib/format';
import type { FleetList } from './fleet-types';

/** The fleet at a glance: how many nodes are sick, and how many we cannot even see. */
export function FleetSummary({ facets, shown }: { facets: FleetList['facets']; shown: number }) {
  const h = facets.health;
  const s = facets.states;
  const blind = (s.unreachable ?? 0) + (s.auth ?? 0) + (s['host-key-unknown'] ?? 0) + (s.error ?? 0);
  // Counted apart: a changed host key may be an interception, not an outage.
  const security = s['host-key-changed'] ?? 0;
  const tiles: { label: string; value: number; tone: string; title: string }[] = [
    {
      label: 'Nodes',
      value: facets.total,
      tone: '',
      title: `${formatNumber(shown)} shown with the current filters`,
    },
    { label: 'Critical', value: h.critical ?? 0, tone: 'crit', title: 'Worst finding is critical' },
    { label: 'Warning', value: h.warning ?? 0, tone: 'warn', title: 'Worst finding is a warning' },
    { label: 'Healthy', value: (h.ok ?? 0) + (h.info ?? 0), tone: 'ok', title: 'No finding above info' },
    {
      label: 'Host key changed',
      value: security,
      tone: security ? 'crit tile-security' : '',
      title: 'Security: the node offered a different host key than the one trusted; collection refused',
    },
    {
      label: 'Not collecting',
      value: blind,
      tone: blind ? 'crit' : '',
      title: 'Unreachable, auth failed, unknown host key or error',
    },
    {
      label: 'Stale',
      value: s.stale ?? 0,
      tone: s.stale ? 'warn' : '',
      title: 'No snapshot for three collection intervals',
    },
  ];
  return (
    <div className="summary">
      {tiles.map((t) => (
        <div key={t.label} className={`tile ${t.tone ? `tile-${t.tone}` : ''}`} title={t.title}>
          <div className="tile-value">{formatNumber(t.value)}</div>
          <div className="tile-label">{t.label}</div>
        </div>
      ))}
      <div className="tile tile-shown">
        <div className="tile-value">{formatNumber(shown)}</div>
        <div className="tile-label">shown</div>
      </div>
    </div>
  );
}
