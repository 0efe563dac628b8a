'use client';
import { useState } from 'react';

/** Markdown for the postmortem: open, copy to the clipboard or download; host names and IPs redacted on request. */
export function ExportPanel({ slug }: { slug: string }) {
  const [redact, setRedact] = useState(false);
  const [state, setState] = useState<string | null>(null);
  const href = `/incidents/${slug}/export.md${redact ? '?redact=1' : ''}`;
  const copy = async () => {
    setState('Copying…');
    try {
      const res = await fetch(href);
      if (!res.ok) throw new Error(`export failed: ${res.status}`);
      const text = await res.text();
      await navigator.clipboard.writeText(text);
      setState(`Copied ${text.length.toLocaleString('en-US')} characters`);
    } catch (e) {
      setState((e as Error).message);
    }
  };
  return (
    <section className="panel inc-export" aria-label="Export">
      <div className="panel-head">
        <h2>Postmortem export</h2>
      </div>
      <div className="row wrap">
        <button type="button" className="btn btn-sm" onClick={copy} data-testid="copy-markdown">
          Copy Markdown
        </button>
        <a
          className="btn btn-sm"
          href={`${href}${redact ? '&' : '?'}download=1`}
          download={`${slug}.md`}
          data-testid="download-markdown"
        >
          Download .md
        </a>
        <a className="btn btn-sm btn-ghost" href={href} target="_blank" rel="noreferrer">
          Open
        </a>
        <label className="row faint">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> redact host
          names and IPs
        </label>
      </div>
      {state ? (
        <div className="faint" role="status">
          {state}
        </div>
      ) : null}
    </section>
  );
}
