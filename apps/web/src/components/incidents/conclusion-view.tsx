import type { RunData } from './incident-types';

const RISK_CLASS: Record<string, string> = { low: 'sev-ok', medium: 'sev-warning', high: 'sev-critical' };

/** Where the walk ended: the root-cause chain, remediation with its risk and check, follow-ups. */
export function ConclusionView({ run }: { run: RunData }) {
  const c = run.conclusion;
  return (
    <div className="inc-conclusion" data-conclusion={c.id}>
      <div className="inc-step-head">
        <span className="faint">Conclusion of {run.playbook}</span>
        <h3>{c.title}</h3>
        <code className="faint">{c.id}</code>
      </div>
      {c.chain.length ? (
        <>
          <h4>Root-cause chain</h4>
          <ol className="inc-chain">
            {c.chain.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ol>
        </>
      ) : null}
      {c.remediation.length ? (
        <>
          <h4>Remediation</h4>
          <ul className="inc-remedy">
            {c.remediation.map((m) => (
              <li key={m.command}>
                <div className="row wrap">
                  <span className={`badge ${RISK_CLASS[m.risk] ?? ''}`}>risk {m.risk}</span>
                  <code className="inc-cmd">{m.command}</code>
                </div>
                <div>{m.note}</div>
                <div className="faint">Check: {m.verify}</div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.followUps.length ? (
        <>
          <h4>Follow-ups</h4>
          <ul className="inc-follow">
            {c.followUps.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
