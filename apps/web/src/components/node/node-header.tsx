import Link from 'next/link';
import { displayHealth } from '@/lib/display-health';
import { CollectionState } from '@/components/collection-state';
import { Age, Time } from '@/components/time';
import { formatBytes, formatDuration, formatNumber } from '@/lib/format';
import { OpenIncidentButton } from '@/components/incidents/open-incident-button';
import { CollectNowButton } from './collect-now-button';
import { HostKeyBanner } from './host-key-banner';
import type { NodeDetailData } from './node-types';

/** Who the node is and how we last saw it: versions, size, load, labels, last snapshot. */
export function NodeHeader({ n }: { n: NodeDetailData }) {
  const m = n.metrics;
  const load = m['load.1'];
  const cpus = m.cpus;
  const stale = !n.lastSnapshot || Date.now() - Date.parse(n.lastSnapshot.takenAt) > n.intervalSec * 3000;
  const health = displayHealth(n.health, n.lastState);
  // Nodes created by an uploaded bundle have no SSH target: nothing to connect to or collect from.
  const uploadOnly = n.labels.source === 'upload';
  return (
    <header className="node-header panel">
      <div className="node-title">
        <span className={`dot dot-${health}`} />
        <h1>{n.name}</h1>
        <span className={`badge sev-${health}`}>
          {health === 'unknown' ? 'no data' : health === 'security' ? 'security: host key changed' : health}
        </span>
        {uploadOnly ? null : (
          <span className="faint mono">
            {n.host}:{n.port}
          </span>
        )}
        <span className="grow" />
        <Link className="btn" href={`/nodes/${encodeURIComponent(n.name)}/mounts`}>
          Mount graph
        </Link>
        {n.lastSnapshot ? (
          <OpenIncidentButton node={n.name} from="node" label="Open incident and triage" />
        ) : null}
        {n.lastSnapshot ? (
          <a className="btn" href={`/snapshots/${n.lastSnapshot.id}/bundle`} download>
            Download bundle
          </a>
        ) : null}
        {uploadOnly ? (
          <span className="faint" title="This node's snapshots come from uploaded bundles">
            uploaded bundles only
          </span>
        ) : (
          <CollectNowButton name={n.name} />
        )}
      </div>
      <div className="node-facts">
        <Fact label="Kernel" value={n.kernelRelease} mono />
        <Fact label="Uptime" value={formatDuration(m['uptime.s'])} />
        <Fact
          label="Load (1m)"
          value={
            load === undefined ? null : `${formatNumber(load)}${cpus ? ` / ${formatNumber(cpus)} CPUs` : ''}`
          }
        />
        <Fact label="Memory" value={m['mem.total_bytes'] ? formatBytes(m['mem.total_bytes']) : null} />
        <Fact label="kubelet" value={n.kubeletVersion} mono />
        <Fact label="Runtime" value={n.runtime} mono />
        <Fact label="OS" value={n.os} />
        <div className="fact">
          <div className="fact-label">Collection</div>
          <div className="fact-value">
            <CollectionState
              state={n.lastState}
              error={n.lastError}
              stale={stale}
              lastSnapshotAt={n.lastSnapshot?.takenAt ?? null}
              compact
            />
          </div>
        </div>
        <div className="fact fact-wide">
          <div className="fact-label">Last snapshot</div>
          <div className="fact-value">
            {n.lastSnapshot ? (
              <Link href={`/snapshots/${n.lastSnapshot.id}`}>
                <Age value={n.lastSnapshot.takenAt} /> · <Time value={n.lastSnapshot.takenAt} />
              </Link>
            ) : (
              <span className="faint">never</span>
            )}
          </div>
        </div>
      </div>
      {n.lastState === 'host-key-changed' ? <HostKeyBanner name={n.name} error={n.lastError} /> : null}
      {n.lastError && n.lastState !== 'ok' && n.lastState !== 'host-key-changed' ? (
        <div className="node-error" role="alert">
          <strong>Last collection failed</strong> (<Time value={n.lastAttemptAt} />
          ): {n.lastError}
        </div>
      ) : null}
      {n.lastSnapshot && Object.keys(n.lastSnapshot.probeErrors).length ? (
        <div className="node-warn">
          Partial snapshot:{' '}
          {Object.entries(n.lastSnapshot.probeErrors).map(([p, e]) => (
            <span key={p} className="chip" title={e}>
              {p}: {e}
            </span>
          ))}
        </div>
      ) : null}
      <div className="row wrap labels">
        <span className="chip">cluster={n.cluster}</span>
        <span className="chip">pool={n.pool}</span>
        {Object.entries(n.labels)
          .filter(([k]) => k !== 'cluster' && k !== 'pool')
          .map(([k, v]) => (
            <Link
              key={k}
              className="chip"
              href={`/?label=${encodeURIComponent(`${k}=${v}`)}`}
              title="Nodes with this label"
            >
              {k}={v}
            </Link>
          ))}
      </div>
    </header>
  );
}

function Fact({ label, value, mono }: { label: string; value: string | null | undefined; mono?: boolean }) {
  return (
    <div className="fact">
      <div className="fact-label">{label}</div>
      <div className={`fact-value${mono ? ' mono' : ''}`} title={value ?? undefined}>
        {value ?? <span className="faint">—</span>}
      </div>
    </div>
  );
}
