'use client';
import Link from 'next/link';
import { fmt, KIND_LABEL, type MountNode, type MountSelection } from './types';

type Line = { probe: string; line: number; text: string; nsId?: string };

function Lines({
  title,
  lines,
  total,
  snapshot,
  empty,
  testId,
}: {
  title: string;
  lines: Line[];
  total: number;
  snapshot: string;
  empty: string;
  testId: string;
}) {
  return (
    <section className="ms-section" data-testid={testId}>
      <h3>
        {title}{' '}
        <span className="faint">
          {total > lines.length ? `${fmt(lines.length)} of ${fmt(total)}` : fmt(total)}
        </span>
      </h3>
      {lines.length === 0 ? (
        <p className="faint">{empty}</p>
      ) : (
        <ol className="ms-lines">
          {lines.map((l) => (
            <li key={`${l.probe}:${l.line}`}>
              <Link
                className="ms-ref"
                href={`/snapshots/${snapshot}?probe=${encodeURIComponent(l.probe)}#L${l.line}`}
                title={`open ${l.probe} line ${l.line}`}
              >
                {l.probe}:{l.line}
                {l.nsId ? ` · ns ${l.nsId}` : ''}
              </Link>
              <code>{l.text}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function MountSidePanel({
  node,
  selection,
  loading,
  snapshot,
  onSelect,
  onClose,
}: {
  node?: MountNode;
  selection: MountSelection | null;
  loading: boolean;
  snapshot: string;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  if (!selection) {
    return (
      <aside className="ms-panel" aria-label="selection">
        <p className="faint">
          {loading
            ? 'Loading the selection…'
            : 'Select a device, mount, copy group or holder to see its raw lines, logs and container record.'}
        </p>
      </aside>
    );
  }
  const s = selection;
  return (
    <aside className="ms-panel" aria-label="selection" data-testid="mount-side-panel">
      <div className="ms-head">
        <div>
          <span className="mg-kind">{KIND_LABEL[s.kind]}</span>
          <h2 title={s.title}>{s.title}</h2>
          {node?.detail ? <div className="faint ms-detail">{node.detail}</div> : null}
          {node?.leak ? <div className="ms-leak">{fmt(node.leakCount)} leaked copies</div> : null}
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={onClose}
          aria-label="close the side panel"
        >
          ✕
        </button>
      </div>
      {s.container ? (
        <section className="ms-section" data-testid="ms-container">
          <h3>Container record</h3>
          <dl className="ms-dl">
            <dt>name</dt>
            <dd>{s.container.name ?? '—'}</dd>
            <dt>id</dt>
            <dd>
              <code>{s.container.id}</code>
            </dd>
            {s.container.pod ? (
              <>
                <dt>pod</dt>
                <dd>{s.container.pod}</dd>
              </>
            ) : null}
            <dt>state</dt>
            <dd>
              {s.container.state} <span className="faint">({s.container.status})</span>
            </dd>
            {s.container.error ? (
              <>
                <dt>error</dt>
                <dd className="ms-error">{s.container.error}</dd>
              </>
            ) : null}
          </dl>
          <Link className="ms-ref" href={`/snapshots/${snapshot}?probe=containers#L${s.container.line}`}>
            containers:{s.container.line}
          </Link>
        </section>
      ) : null}
      {s.memberTotal > 0 ? (
        <section className="ms-section">
          <h3>
            Members{' '}
            <span className="faint">
              {s.memberTotal > s.members.length
                ? `${fmt(s.members.length)} of ${fmt(s.memberTotal)}`
                : fmt(s.memberTotal)}
            </span>
          </h3>
          <ul className="ms-members">
            {s.members.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className={m.leak ? 'ms-member ms-member-leak' : 'ms-member'}
                  onClick={() => onSelect(m.id)}
                >
                  <span>{m.label}</span>
                  {m.detail ? <span className="faint">{m.detail}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Lines
        title="Mountinfo lines"
        testId="ms-mountinfo"
        lines={s.mountLines}
        total={s.mountLineTotal}
        snapshot={snapshot}
        empty="No mount lines."
      />
      <Lines
        title="Kubelet log lines naming the path"
        testId="ms-kubelet"
        lines={s.kubeletLines}
        total={s.kubeletLineTotal}
        snapshot={snapshot}
        empty="Kubelet does not name these paths."
      />
      <Lines
        title="dmesg lines for the device"
        testId="ms-dmesg"
        lines={s.dmesgLines}
        total={s.dmesgLineTotal}
        snapshot={snapshot}
        empty="No kernel messages for this device."
      />
      <Lines
        title="Kernel threads of the device"
        testId="ms-threads"
        lines={s.kernelThreads}
        total={s.kernelThreadTotal}
        snapshot={snapshot}
        empty="No per-device kernel threads."
      />
    </aside>
  );
}
