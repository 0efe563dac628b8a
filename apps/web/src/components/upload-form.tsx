'use client';
import Link from 'next/link';
import { type DragEvent, useRef, useState } from 'react';
import { csrfHeaders } from '@/lib/csrf';
import { formatBytes } from '@/lib/format';
import './upload-form.css';

interface Result {
  snapshotId: string;
  node: string;
  nodeCreated: boolean;
  keptApartFrom?: string;
  probes: number;
  findings: number;
  worst: string;
  warnings: string[];
}

const LIMIT = 200 * 1024 * 1024;

/** Upload a bundle from nodescope-collect.sh (plain or .gz) for a node the dashboard cannot reach. */
export function UploadForm() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attach, setAttach] = useState(false);

  async function send(file: File) {
    setResult(null);
    setError(null);
    if (file.size > LIMIT) {
      setError(`${file.name} is ${formatBytes(file.size)}; the limit is 200 MB.`);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(attach ? '/api/upload?attach=1' : '/api/upload', {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'application/octet-stream', ...csrfHeaders() },
      });
      const body = (await res
        .json()
        .catch(() => ({ error: `The server answered ${res.status} without a JSON body.` }))) as Result & {
        error?: string;
      };
      if (!res.ok || body.error) setError(body.error ?? `Upload failed (${res.status}).`);
      else setResult(body);
    } catch (err) {
      setError(`Upload failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void send(f);
  }

  return (
    <div className="upload">
      <label
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <input
          ref={input}
          type="file"
          name="file"
          aria-label="Bundle file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void send(f);
            e.target.value = '';
          }}
        />
        <strong>{busy ? 'Uploading and analyzing…' : 'Drop a bundle here, or click to choose a file'}</strong>
        <span className="faint">
          Output of nodescope-collect.sh, `nodescope collect --bundle` or a downloaded snapshot; plain or
          gzip; up to 200 MB.
        </span>
      </label>
      <label className="row faint">
        <input type="checkbox" checked={attach} onChange={(e) => setAttach(e.target.checked)} />
        Attach to the SSH-collected node of the same name (it may become that node’s latest snapshot)
      </label>
      {error ? (
        <div className="node-error" role="alert">
          {error}
        </div>
      ) : null}
      {result ? (
        <div className="panel upload-result" role="status">
          <div className="row">
            <span className={`badge sev-${result.worst}`}>{result.worst}</span>
            <strong>
              Stored snapshot <Link href={`/snapshots/${result.snapshotId}`}>{result.snapshotId}</Link> of{' '}
              <Link href={`/nodes/${encodeURIComponent(result.node)}`}>{result.node}</Link>
            </strong>
            {result.nodeCreated ? <span className="chip">new node</span> : null}
          </div>
          {result.keptApartFrom ? (
            <div className="faint">
              The bundle names {result.keptApartFrom}, which is collected over SSH: kept apart as{' '}
              {result.node}. Tick “Attach” to store it on {result.keptApartFrom} itself.
            </div>
          ) : null}
          <div className="faint">
            {result.probes} probes · {result.findings} findings
          </div>
          {result.warnings.length ? (
            <ul className="faint">
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
