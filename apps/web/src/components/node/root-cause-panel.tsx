'use client';
import { ruleLabel } from '@/lib/rules';
import type { NodeDetailData } from './node-types';
import styles from './root-cause-panel.module.css';

/**
 * Leads the node page: the conclusion the triage playbooks reach on the latest snapshot, as its
 * root-cause chain (cause first, each statement leading to the next, numbers from the snapshot),
 * then the findings that follow from it. Nothing is shown when no playbook names a cause.
 */
export function RootCausePanel({ n }: { n: NodeDetailData }) {
  const rc = n.rootCause;
  if (!rc) return null;
  const rules = [rc.causeRule, ...rc.consequenceRules].filter((r): r is string => !!r);
  return (
    <section className={`panel ${styles.panel}`} aria-labelledby="root-cause-title" data-root-cause={rc.id}>
      <div className={styles.head}>
        <span className={styles.kicker}>Most probable root cause</span>
        <span className={`${styles.source} mono`}>
          {rc.id} · from the {rc.playbook} playbook
        </span>
        <h2 id="root-cause-title" className={styles.title}>
          {rc.title}
        </h2>
      </div>
      <ol className={styles.chain} aria-label="Root-cause chain">
        {rc.chain.map((link, i) => (
          <li key={link} className={`${styles.link} ${i === 0 ? styles.first : ''}`}>
            {link}
          </li>
        ))}
      </ol>
      {rules.length > 0 ? (
        <div className={styles.foot}>
          <span className="faint">Findings below, cause first:</span>
          {rules.map((r, i) => (
            <a key={r} href={`#finding-${r}`} className={`chip ${i === 0 ? 'sev-critical' : ''}`} data-rule={r}>
              {i === 0 ? 'cause: ' : ''}
              {ruleLabel(r)}
            </a>
          ))}
        </div>
      ) : null}
    </section>
  );
}
