import type { LogEvent } from '../model/node-state.ts';

/**
 * Kubelet with --logging-format=json:
 * {"ts":1700000000123.456,"caller":"kubelet/kubelet.go:2190","msg":"SyncLoop (PLEG): event for pod","v":2,"pod":{…}}
 * ts is epoch milliseconds in current releases and was seconds in early ones; the size tells.
 * Errors carry "err" and no "v".
 */
export interface KubeletJson {
  ms?: number;
  level: LogEvent['level'];
  sourceLoc?: string;
  message: string;
  fields: Record<string, string>;
}

export function parseKubeletJson(body: string): KubeletJson | undefined {
  if (body.charCodeAt(0) !== 123 || !body.includes('"msg"')) return undefined;
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    o = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof o.msg !== 'string') return undefined;
  const out: KubeletJson = { level: o.err !== undefined ? 'E' : 'I', message: o.msg, fields: {} };
  if (typeof o.ts === 'number' && Number.isFinite(o.ts))
    out.ms = Math.floor(o.ts > 1e11 ? o.ts : o.ts * 1000);
  if (typeof o.caller === 'string') out.sourceLoc = o.caller.slice(o.caller.lastIndexOf('/') + 1);
  for (const [k, v] of Object.entries(o)) {
    if (k === 'ts' || k === 'msg' || k === 'caller' || k === '__proto__') continue;
    out.fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
